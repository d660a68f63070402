import type { DataCategory } from '../../shared/vocabulary';
import type { ReferralState } from './state';

/**
 * Minimum necessary disclosure. A category reaches the receiver only when the referral asks for it AND the
 * basis covers it (every requested one under an override), and it stops being shared for good once a
 * consent withdrawal takes it back.
 */

/** `requested` ∩ `covered`, in the order of `requested`. */
export function intersectCategories(
  requested: readonly DataCategory[],
  covered: readonly DataCategory[],
): DataCategory[] {
  return requested.filter((c) => covered.includes(c));
}

/** `a` without `b`, in the order of `a`. */
export function withoutCategories(a: readonly DataCategory[], b: readonly DataCategory[]): DataCategory[] {
  return a.filter((c) => !b.includes(c));
}

/** What the current receiver may still use and what a transfer could carry: shared minus withdrawn. */
export function stillShared(
  state: Pick<ReferralState, 'sharedCategories' | 'withdrawnCategories'>,
): DataCategory[] {
  return withoutCategories(state.sharedCategories, state.withdrawnCategories);
}

/** Whether the referral's recorded basis includes consent `consentId`. */
export function basisIncludesConsent(state: Pick<ReferralState, 'basis'>, consentId: string): boolean {
  return state.basis?.kind === 'consent' && state.basis.consentIds.includes(consentId);
}
