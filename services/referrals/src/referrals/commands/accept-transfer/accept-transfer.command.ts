import { ServiceCommand } from '@crm/service-kit';
import type { ReferralView } from '../../referral-view';

export interface AcceptTransferInput {
  referralId: string;
  transferId: string;
}

/**
 * The institution a pending transfer is proposed to takes the referral over and becomes the receiver.
 * Operation `referrals.referral.act` on the referral (the transferee's country is one it is addressed to).
 */
export class AcceptTransferCommand extends ServiceCommand<AcceptTransferInput, ReferralView> {}
