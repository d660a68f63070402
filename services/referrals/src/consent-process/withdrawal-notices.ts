import {
  consentChange,
  consentCoverage,
  lostCoverage,
  type CaseEvent,
  type CaseState,
  type CoverageQuery,
} from '../cases/domain';
import { stillShared, type ReferralState } from '../referrals/domain';
import type { DataCategory } from '../shared/vocabulary';

/** What the consent process tells one referral: the consent, and the categories it no longer covers there. */
export interface WithdrawalNotice {
  referralId: string;
  consentId: string;
  categories: DataCategory[];
}

/** The case as the referral's basis sees it: only the consents the referral cited count. */
function citedOnly(state: CaseState, consentIds: readonly string[]): CaseState {
  return { ...state, consents: state.consents.filter((c) => consentIds.includes(c.consentId)) };
}

/**
 * The notices a ConsentNarrowed or ConsentWithdrawn event of a case calls for, one per referral whose consent
 * basis includes that consent and which loses something: for its current receiving institution and each of
 * its requested services (the purposes it was sent for), the still-shared categories the cited consents
 * covered before the event (`lostCoverage`) and no longer cover for any of those services after it. Pure:
 * `before` / `after` are the case states around the event, `on` its date. Referrals under an override, citing
 * other consents, not sent, or losing nothing get none.
 */
export function withdrawalNotices(
  before: CaseState,
  after: CaseState,
  event: CaseEvent,
  referrals: ReadonlyArray<ReferralState>,
  on: string,
): WithdrawalNotice[] {
  const change = consentChange(before, event);
  if (change === null) return [];
  const notices: WithdrawalNotice[] = [];
  for (const referral of referrals) {
    const basis = referral.basis;
    if (basis?.kind !== 'consent' || !basis.consentIds.includes(change.consentId)) continue;
    if (!referral.referralId || !referral.to) continue;
    const shared = stillShared(referral);
    const b = citedOnly(before, basis.consentIds);
    const a = citedOnly(after, basis.consentIds);
    const query = (purpose: CoverageQuery['purpose']): CoverageQuery => ({
      country: referral.to!.country,
      institutionId: referral.to!.institutionId,
      categories: shared,
      purpose,
      on,
    });
    const lost = new Set<DataCategory>();
    const kept = new Set<DataCategory>();
    for (const purpose of referral.servicesRequested) {
      lostCoverage(b, a, query(purpose)).forEach((c) => lost.add(c));
      consentCoverage(a, query(purpose)).covered.forEach((c) => kept.add(c));
    }
    const categories = shared.filter((c) => lost.has(c) && !kept.has(c));
    if (categories.length > 0)
      notices.push({ referralId: referral.referralId, consentId: change.consentId, categories });
  }
  return notices;
}
