import type { Role } from '@crm/auth';
import { SECRETARIAT, ValidationError, type Jurisdiction } from '@crm/kernel';
import { DATA_CATEGORIES, type DataCategory, type FollowUpService } from '../../shared/vocabulary';
import type { BestInterestsRecord } from './best-interests';
import { consentCoverage, type CoverageQuery } from './consent';
import {
  childSubject,
  IDENTIFYING_FIELD_CATEGORY,
  type ChildIdentifyingData,
  type ChildIdentifyingField,
} from './identifying';
import { INDICATOR_DEFINITIONS, INDICATOR_FIELDS, type CaseIndicators } from './indicators';
import type { CaseState, InterviewRecord } from './state';

/**
 * The per-recipient view of a child's case: what a recipient may see, computed here from the case and the
 * basis of the sharing, never filtered in a controller (minimum necessary disclosure, plan XVI.1).
 *
 * A category is `disclosed` only when it is requested, the recipient's role may see it (ROLE_CATEGORIES)
 * and the basis covers it: the consents the referral cited (consent.ts), or a recorded override (e.g. a
 * child at imminent risk), which the view then shows, with its reason and author, so the recipient knows
 * the data came without consent. Otherwise it is `withheld` (not requested / not for this role / not covered
 * / the consent expired), or `withdrawn`: the cited consents covered it as given, but were since withdrawn
 * or narrowed. An override never lifts the role rule.
 */

/**
 * Which categories each role may ever see, whatever the consent (the compiler checks every platform role is
 * listed):
 * - protection_case_worker, national_system: any category, as the consent allows (they handle the case);
 * - protection_supervisor: the same (supervises the institution's case workers and authorises overrides);
 * - consular_officer: identity, family, indicators, protection (consular assistance, documentation, family
 *   tracing and international protection; not health, assessments or the narrative);
 * - secretariat_coordinator, secretariat_analyst: indicators only, never an identifying field (the
 *   Secretariat's regular access to indicators is the aggregates, which need no consent);
 * - every other role: nothing (reporting, alerts, observers, civil society, practice review, administration
 *   have no business with a child's case).
 */
export const ROLE_CATEGORIES: Readonly<Record<`${Role}`, readonly DataCategory[]>> = {
  protection_case_worker: Object.keys(DATA_CATEGORIES) as DataCategory[],
  national_system: Object.keys(DATA_CATEGORIES) as DataCategory[],
  protection_supervisor: Object.keys(DATA_CATEGORIES) as DataCategory[],
  consular_officer: ['identity', 'family', 'indicators', 'protection'],
  secretariat_coordinator: ['indicators'],
  secretariat_analyst: ['indicators'],
  reporting_officer: [],
  alert_focal_point: [],
  observer: [],
  civil_society_submitter: [],
  practice_reviewer: [],
  platform_admin: [],
};

/** The categories that hold identifying fields: never disclosed to the Secretariat, whatever its role. */
const IDENTIFYING_CATEGORIES = new Set<DataCategory>(Object.values(IDENTIFYING_FIELD_CATEGORY));

/** The categories `role` may see at all (none for an unknown role). */
export function categoriesForRole(role: string, country: Jurisdiction): DataCategory[] {
  const allowed = (ROLE_CATEGORIES as Readonly<Record<string, readonly DataCategory[]>>)[role] ?? [];
  return allowed.filter((c) => country !== SECRETARIAT || !IDENTIFYING_CATEGORIES.has(c));
}

export interface DisclosureRecipient {
  country: Jurisdiction;
  institutionId: string;
  role: string;
}

export type DisclosureBasis =
  | { kind: 'consent'; consentIds: string[] }
  /** `reason` as the referral recorded it (a code or a short text), shown to the recipient as is. */
  | { kind: 'override'; reason: string; by: string };

export interface DisclosureRequest {
  recipient: DisclosureRecipient;
  requestedCategories: readonly DataCategory[];
  /** What the sharing is for (a consent covers named purposes only). */
  purpose: FollowUpService;
  basis: DisclosureBasis;
  /** The date of the view, `YYYY-MM-DD`. */
  on: string;
}

export type WithheldReason = 'not_requested' | 'not_for_role' | 'not_covered' | 'consent_expired';

export type CategoryDisclosure =
  { status: 'disclosed' } | { status: 'withheld'; reason: WithheldReason } | { status: 'withdrawn' };

export interface DisclosedView {
  caseId: string;
  on: string;
  recipient: DisclosureRecipient;
  categories: Record<DataCategory, CategoryDisclosure>;
  /** Set when the basis is an override: the recipient sees why and who decided it. */
  override: { reason: string; by: string } | null;
  /** The consents the disclosed categories rest on (empty under an override). */
  consentIds: string[];
  /** The indicators of the disclosed `indicators`, `health` and `protection` categories, in clear. */
  indicators: Partial<CaseIndicators>;
  /** The identifying fields the recipient may have revealed (the handler reveals them through `@crm/pii`). */
  revealableFields: ChildIdentifyingField[];
  /** Those fields' ciphertexts only, under the child's subject. */
  identifying: ChildIdentifyingData;
  /** Under `assessments`: prior assessments and determinations (recommendations encrypted) and interviews. */
  bestInterests: BestInterestsRecord[];
  interviews: InterviewRecord[];
}

const ALL_CATEGORIES = Object.keys(DATA_CATEGORIES) as DataCategory[];

/** The view of the case `state` for one recipient (422 when the basis cites a consent the case lacks). */
export function disclosedView(state: CaseState, request: DisclosureRequest): DisclosedView {
  const { recipient, basis, on } = request;
  if (state.caseId === null) {
    throw new ValidationError('referral.case.not_registered', {
      es: 'No hay caso registrado que mostrar.',
      en: 'There is no registered case to show.',
    });
  }
  const cited = basis.kind === 'consent' ? basis.consentIds : [];
  const unknown = cited.filter((id) => !state.consents.some((c) => c.consentId === id));
  if (unknown.length > 0) {
    throw new ValidationError(
      'referral.case.unknown_consent',
      {
        es: `La base de la divulgación cita consentimientos que el caso no tiene: ${unknown.join(', ')}.`,
        en: `The disclosure basis cites consents the case does not have: ${unknown.join(', ')}.`,
      },
      { consentIds: unknown },
    );
  }
  const roleCategories = categoriesForRole(recipient.role, recipient.country);
  const candidates = ALL_CATEGORIES.filter(
    (c) => request.requestedCategories.includes(c) && roleCategories.includes(c),
  );
  const query: CoverageQuery = {
    country: recipient.country,
    institutionId: recipient.institutionId,
    categories: candidates,
    purpose: request.purpose,
    on,
  };
  const now =
    basis.kind === 'override'
      ? { covered: candidates, consentIds: [] }
      : consentCoverage(state, query, { among: cited });
  const asGiven = consentCoverage(state, query, { among: cited, reading: 'as_recorded' }).covered;
  const ever = consentCoverage(state, query, { among: cited, reading: 'as_recorded_any_date' }).covered;

  const categories = Object.fromEntries(
    ALL_CATEGORIES.map((c): [DataCategory, CategoryDisclosure] => {
      if (!request.requestedCategories.includes(c))
        return [c, { status: 'withheld', reason: 'not_requested' }];
      if (!roleCategories.includes(c)) return [c, { status: 'withheld', reason: 'not_for_role' }];
      if (now.covered.includes(c)) return [c, { status: 'disclosed' }];
      if (asGiven.includes(c)) return [c, { status: 'withdrawn' }];
      return [c, { status: 'withheld', reason: ever.includes(c) ? 'consent_expired' : 'not_covered' }];
    }),
  ) as Record<DataCategory, CategoryDisclosure>;
  const disclosed = (c: DataCategory) => categories[c].status === 'disclosed';

  const present = state.identifying?.fields ?? {};
  const revealableFields = (Object.keys(IDENTIFYING_FIELD_CATEGORY) as ChildIdentifyingField[]).filter(
    (f) => present[f] !== undefined && disclosed(IDENTIFYING_FIELD_CATEGORY[f]),
  );
  const indicators = Object.fromEntries(
    INDICATOR_FIELDS.filter(
      (f) => state.indicators?.[f] !== undefined && disclosed(INDICATOR_DEFINITIONS[f].category),
    ).map((f) => [f, state.indicators?.[f]]),
  ) as Partial<CaseIndicators>;
  return {
    caseId: state.caseId,
    on,
    recipient,
    categories,
    override: basis.kind === 'override' ? { reason: basis.reason, by: basis.by } : null,
    consentIds: now.consentIds,
    indicators,
    revealableFields,
    identifying: {
      subject: childSubject(state.caseId),
      fields: Object.fromEntries(revealableFields.map((f) => [f, present[f]])),
    },
    bestInterests: disclosed('assessments') ? state.bestInterests : [],
    interviews: disclosed('assessments') ? state.interviews : [],
  };
}
