import { ServiceCommand } from '@crm/service-kit';
import type { DeclineReason } from '../../domain';
import type { ReferralView } from '../../referral-view';

export interface DeclineTransferInput {
  referralId: string;
  transferId: string;
  reason: DeclineReason;
  /** Free text about the child: encrypted under the child's key before anything stores it. */
  note?: string;
}

/**
 * The institution a pending transfer is proposed to declines it; the receiver keeps the referral.
 * Operation `referrals.referral.act` on the referral.
 */
export class DeclineTransferCommand extends ServiceCommand<DeclineTransferInput, ReferralView> {}
