import type { Principal } from '@crm/auth';
import type { EventStore } from '@crm/event-store';
import type { CountryCode } from '@crm/kernel';
import { calendarDateOf } from '../shared/formats';
import { isErasedSubject } from '../shared/personal-data';
import { DATA_CATEGORIES, type DataCategory } from '../shared/vocabulary';
import {
  categoriesForRole,
  childSubject,
  IDENTIFYING_FIELD_CATEGORY,
  INDICATOR_DEFINITIONS,
  INDICATOR_FIELDS,
  interviewCount,
  interviewsByInstitution,
  interviewWarning,
  type BestInterestsRecord,
  type CaseIndicators,
  type CaseState,
  type CaseStatus,
  type ChildIdentifyingField,
  type ConsentRecord,
  type InterviewWarning,
} from './domain';
import type { LoadedCase } from './case-reader';

/**
 * The owning country's view of a case (the registering country's officials; a country the case is referred
 * to sees it through the referral's disclosed view). Never a plaintext of the child's identifying data nor of
 * the best-interests recommendations: only which identifying fields are on file and whether they were erased
 * (the values through `GET /referrals/cases/:caseId/identifying?purpose=`, recorded in the access log).
 * What a viewer's role may never see (e.g. health for a consular officer, disclosure.ts ROLE_CATEGORIES) is
 * left out and listed in `withheldCategories`.
 */
export interface CaseView {
  stream: string;
  /** The stream's last revision: what to send as `If-Match`. */
  revision: number;
  caseId: string;
  country: CountryCode;
  institutionId: string;
  status: Exclude<CaseStatus, 'none'>;
  /** The indicators of the categories the viewer's role may see, in clear (non-identifying). */
  indicators: Partial<CaseIndicators>;
  withheldCategories: DataCategory[];
  identifying: {
    /** The identifying fields on file (values never shown here) the viewer's role could have revealed. */
    fields: ChildIdentifyingField[];
    /** The child's key was destroyed: every identifying value and recommendation reveals as `{ erased: true }`. */
    erased: boolean;
  };
  consents: ConsentView[];
  /** Assessments and determinations without their (encrypted) recommendations; [] when not for the role. */
  bestInterests: BestInterestsSummary[];
  interviews: {
    count: number;
    byInstitution: Array<{ institutionId: string; count: number }>;
    /** Set once the child has been interviewed 3 times or more: read the assessments before asking again. */
    warning: InterviewWarning | null;
  };
  closure: CaseState['closure'];
  registeredAt: string | null;
  updatedAt: string | null;
}

export type ConsentStatus = 'active' | 'expired' | 'withdrawn';
export type ConsentView = ConsentRecord & { status: ConsentStatus };
export type BestInterestsSummary = Omit<BestInterestsRecord, 'recommendations'>;

/** The categories any of the principal's roles may see (disclosure.ts: never an identifying one for the Secretariat). */
export function viewerCategories(principal: Pick<Principal, 'roles' | 'country'>): DataCategory[] {
  const country = principal.country ?? 'ST';
  const allowed = new Set(principal.roles.flatMap((role) => categoriesForRole(role, country)));
  return (Object.keys(DATA_CATEGORIES) as DataCategory[]).filter((c) => allowed.has(c));
}

/** The identifying fields on file that `categories` cover. */
export function visibleIdentifyingFields(
  state: CaseState,
  categories: readonly DataCategory[],
): ChildIdentifyingField[] {
  const present = state.identifying?.fields ?? {};
  return (Object.keys(IDENTIFYING_FIELD_CATEGORY) as ChildIdentifyingField[]).filter(
    (f) => present[f] !== undefined && categories.includes(IDENTIFYING_FIELD_CATEGORY[f]),
  );
}

function consentStatus(consent: ConsentRecord, today: string): ConsentStatus {
  if (consent.withdrawal) return 'withdrawn';
  return consent.scope.validUntil < today ? 'expired' : 'active';
}

/** The view of a registered case for `viewer`, at `now` (consents expire by date). */
export async function toCaseView(
  store: Pick<EventStore, 'readStream'>,
  loaded: LoadedCase,
  viewer: Pick<Principal, 'roles' | 'country'>,
  now: Date,
): Promise<CaseView> {
  const { state } = loaded;
  if (state.status === 'none' || !state.caseId || !state.country || !state.institutionId) {
    throw new Error('toCaseView: the case is not registered');
  }
  const categories = viewerCategories(viewer);
  const indicators = Object.fromEntries(
    INDICATOR_FIELDS.filter(
      (f) => state.indicators?.[f] !== undefined && categories.includes(INDICATOR_DEFINITIONS[f].category),
    ).map((f) => [f, state.indicators?.[f]]),
  ) as Partial<CaseIndicators>;
  const today = calendarDateOf(now);
  return {
    stream: loaded.streamName,
    revision: loaded.revision,
    caseId: state.caseId,
    country: state.country,
    institutionId: state.institutionId,
    status: state.status,
    indicators,
    withheldCategories: (Object.keys(DATA_CATEGORIES) as DataCategory[]).filter(
      (c) => !categories.includes(c),
    ),
    identifying: {
      fields: visibleIdentifyingFields(state, categories),
      erased: await isErasedSubject(store, childSubject(state.caseId)),
    },
    consents: state.consents.map((c) => ({ ...c, status: consentStatus(c, today) })),
    bestInterests: categories.includes('assessments')
      ? state.bestInterests.map(({ recommendations: _encrypted, ...record }) => record)
      : [],
    interviews: {
      count: interviewCount(state),
      byInstitution: interviewsByInstitution(state),
      warning: interviewWarning(state),
    },
    closure: state.closure,
    registeredAt: state.registeredAt,
    updatedAt: state.updatedAt,
  };
}
