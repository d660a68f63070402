import { ServiceCommand } from '@crm/service-kit';
import type { ReferralView } from '../../referral-view';

export interface AcknowledgeConsentWithdrawalInput {
  referralId: string;
}

/**
 * The receiving institution confirms it has taken note of every pending consent withdrawal: it no longer uses the withdrawn categories (its disclosed view shows them as withdrawn). Closes that deadline. Role: case worker of the receiving institution or its country's national system.
 * Operation `referrals.referral.act` on the referral.
 */
export class AcknowledgeConsentWithdrawalCommand extends ServiceCommand<
  AcknowledgeConsentWithdrawalInput,
  ReferralView
> {}
