import { consentCoverage, type CaseState } from '../cases/domain';
import { DATA_CATEGORIES, type DataCategory } from '../shared/vocabulary';
import type { ConsentBasisInput, InstitutionRef, ReferralState } from './domain';

/**
 * The consent basis of a sending, computed from the case (never taken from the client): for the receiving
 * institution, each requested service as a purpose, and the categories the draft asks to share, on the day of
 * the sending. A category is covered when some consent covers it for at least one of the requested services
 * (`consentCoverage`: active, the recipient's country or institution, the purpose, assent + guardian rules);
 * the recipient's disclosed view then shows it only for a purpose its consent covers. `consentIds` are the
 * consents the covered categories rest on: the consent process notifies this referral when one of them is
 * narrowed or withdrawn.
 */
export function consentBasisFor(
  caseState: CaseState,
  referral: Pick<ReferralState, 'categories' | 'servicesRequested'>,
  recipient: InstitutionRef,
  on: string,
): Extract<ConsentBasisInput, { kind: 'consent' }> {
  const covered = new Set<DataCategory>();
  const consentIds = new Set<string>();
  for (const purpose of referral.servicesRequested) {
    const coverage = consentCoverage(caseState, {
      country: recipient.country,
      institutionId: recipient.institutionId,
      categories: referral.categories,
      purpose,
      on,
    });
    coverage.covered.forEach((c) => covered.add(c));
    coverage.consentIds.forEach((id) => consentIds.add(id));
  }
  const order = Object.keys(DATA_CATEGORIES) as DataCategory[];
  return {
    kind: 'consent',
    consentIds: caseState.consents.map((c) => c.consentId).filter((id) => consentIds.has(id)),
    covered: order.filter((c) => covered.has(c)),
  };
}
