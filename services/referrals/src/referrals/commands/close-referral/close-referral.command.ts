import { ServiceCommand } from '@crm/service-kit';
import type { CloseOutcome } from '../../domain';
import type { ReferralView } from '../../referral-view';

export interface CloseReferralInput {
  referralId: string;
  outcome: CloseOutcome;
}

/**
 * The receiving institution closes the accepted or in-progress referral with its outcome (not while a transfer is pending). Role: case worker of the receiving institution or its country's national system.
 * Operation `referrals.referral.act` on the referral.
 */
export class CloseReferralCommand extends ServiceCommand<CloseReferralInput, ReferralView> {}
