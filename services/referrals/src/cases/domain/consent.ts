import type { Jurisdiction } from '@crm/kernel';
import { DATA_CATEGORIES, type DataCategory, type FollowUpService } from '../../shared/vocabulary';
import type { ConsentScope, ScopeReduction } from './consent-scope';
import { scopeReduction } from './consent-scope';
import type { CaseEvent } from './events';
import type { AgeBand } from './indicator-values';
import { findConsent, type CaseState, type ConsentRecord } from './state';

/**
 * Consent coverage: which categories of a child's case may go to a recipient, for a purpose, on a date.
 *
 * A category is covered for a recipient when an ACTIVE consent of the child (not withdrawn, recorded on or
 * before `on`, `validUntil` on or after it) covers the category, the purpose and the recipient (its country
 * is in `scope.countries`, or the institution itself is in `scope.institutions`). When the child gave
 * ASSENT (a younger child), an active guardian's consent covering the same category, purpose and recipient
 * is required as well.
 *
 * One exception, GUARDIAN_ALONE_AGE_BANDS: a child in the 0-5 band can neither consent nor meaningfully
 * assent, so there the guardian's consent alone covers. Empty that list to require the child's word at
 * every age.
 */
export const GUARDIAN_ALONE_AGE_BANDS: readonly AgeBand[] = ['0-5'];

/** Whom and what a disclosure is for. `on` is a `YYYY-MM-DD` date. */
export interface CoverageQuery {
  /** The recipient's country ('ST' for the Secretariat, which no consent scope lists). */
  country: Jurisdiction;
  institutionId: string;
  categories: readonly DataCategory[];
  purpose: FollowUpService;
  on: string;
}

export interface Coverage {
  /** In the order of DATA_CATEGORIES. */
  covered: DataCategory[];
  uncovered: DataCategory[];
  /** The consents the covered categories rest on, in the order recorded. */
  consentIds: string[];
}

/**
 * How consents are read: `current` (the law now: current scopes, withdrawals and end dates), `as_recorded`
 * (each consent as first given, never withdrawn: what it covered when something was shared under it),
 * `as_recorded_any_date` (the same, ignoring end dates: did it ever cover this?).
 */
export type ConsentReading = 'current' | 'as_recorded' | 'as_recorded_any_date';

export interface CoverageOptions {
  /** Only these consents count (a disclosure rests on the consents the referral cited). */
  among?: readonly string[];
  reading?: ConsentReading;
}

const ALL_CATEGORIES = Object.keys(DATA_CATEGORIES) as DataCategory[];

function scopeOf(consent: ConsentRecord, reading: ConsentReading): ConsentScope {
  return reading === 'current' ? consent.scope : consent.originalScope;
}

function isActive(consent: ConsentRecord, on: string, reading: ConsentReading): boolean {
  if (consent.recordedOn > on) return false;
  if (reading === 'as_recorded_any_date') return true;
  if (reading === 'current' && consent.withdrawal) return false;
  return on <= scopeOf(consent, reading).validUntil;
}

function covers(
  consent: ConsentRecord,
  category: DataCategory,
  query: CoverageQuery,
  reading: ConsentReading,
): boolean {
  const scope = scopeOf(consent, reading);
  return (
    isActive(consent, query.on, reading) &&
    scope.categories.includes(category) &&
    scope.purpose.includes(query.purpose) &&
    ((scope.countries as readonly string[]).includes(query.country) ||
      scope.institutions.includes(query.institutionId))
  );
}

/** The coverage of `query.categories` by the case's consents (see the rule above). */
export function consentCoverage(
  state: CaseState,
  query: CoverageQuery,
  options: CoverageOptions = {},
): Coverage {
  const reading = options.reading ?? 'current';
  const consents = options.among
    ? state.consents.filter((c) => options.among?.includes(c.consentId))
    : state.consents;
  const guardianAlone =
    state.indicators !== null && GUARDIAN_ALONE_AGE_BANDS.includes(state.indicators.ageBand);
  const used = new Set<string>();
  const covered: DataCategory[] = [];
  for (const category of ALL_CATEGORIES.filter((c) => query.categories.includes(c))) {
    const matching = consents.filter((c) => covers(c, category, query, reading));
    const child = matching.filter((c) => c.givenBy === 'child');
    const guardian = matching.filter((c) => c.givenBy === 'guardian');
    const byConsent = child.filter((c) => c.form === 'consent');
    const byAssent = guardian.length > 0 ? child.filter((c) => c.form === 'assent') : [];
    const basis = [...byConsent, ...byAssent, ...(byAssent.length > 0 ? guardian : [])];
    if (basis.length === 0 && guardianAlone) basis.push(...guardian);
    if (basis.length === 0) continue;
    covered.push(category);
    for (const c of basis) used.add(c.consentId);
  }
  return {
    covered,
    uncovered: ALL_CATEGORIES.filter((c) => query.categories.includes(c) && !covered.includes(c)),
    consentIds: consents.map((c) => c.consentId).filter((id) => used.has(id)),
  };
}

/**
 * The categories a recipient no longer receives after a consent changed: covered in `before`, not in
 * `after` (another consent may still cover some). The referral side calls it for each of its open
 * referrals of the case, with the states around a ConsentNarrowed or ConsentWithdrawn event, and notifies
 * the recipients of what they lost.
 */
export function lostCoverage(before: CaseState, after: CaseState, query: CoverageQuery): DataCategory[] {
  const still = consentCoverage(after, query).covered;
  return consentCoverage(before, query).covered.filter((c) => !still.includes(c));
}

/** What a consent event took away from one consent, read against the state before it. */
export interface ConsentChange {
  consentId: string;
  withdrawn: boolean;
  removed: ScopeReduction;
}

/**
 * For a ConsentNarrowed or ConsentWithdrawn event: which categories, recipient countries and institutions,
 * purposes (and how much time) the consent lost; a withdrawal loses its whole current scope. Null for any
 * other event, or a withdrawal of an unknown or already withdrawn consent.
 */
export function consentChange(before: CaseState, event: CaseEvent): ConsentChange | null {
  if (event.type === 'ConsentNarrowed') {
    return { consentId: event.data.consentId, withdrawn: false, removed: event.data.removed };
  }
  if (event.type !== 'ConsentWithdrawn') return null;
  const consent = findConsent(before, event.data.consentId);
  if (!consent || consent.withdrawal) return null;
  return { consentId: consent.consentId, withdrawn: true, removed: scopeReduction(consent.scope, null) };
}
