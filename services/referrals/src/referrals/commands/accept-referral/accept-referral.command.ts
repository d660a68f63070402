import { ServiceCommand } from '@crm/service-kit';
import type { ReferralView } from '../../referral-view';

export interface AcceptReferralInput {
  referralId: string;
}

/**
 * The receiving institution accepts responsibility for the case (from requested it also records the acknowledgement). Role: case worker of the receiving institution or its country's national system.
 * Operation `referrals.referral.act` on the referral.
 */
export class AcceptReferralCommand extends ServiceCommand<AcceptReferralInput, ReferralView> {}
