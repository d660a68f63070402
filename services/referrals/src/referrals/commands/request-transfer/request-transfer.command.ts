import { ServiceCommand } from '@crm/service-kit';
import type { InstitutionRef, TransferReason } from '../../domain';
import type { ReferralView } from '../../referral-view';

export interface RequestTransferInput {
  referralId: string;
  /** Chosen by the receiving institution; names the transfer in its accept / decline routes. */
  transferId: string;
  /** An active institution of a third country (neither the sender's nor the receiver's). */
  to: InstitutionRef;
  reason: TransferReason;
  /** Free text about the child: encrypted under the child's key before anything stores it. */
  note?: string;
}

/**
 * The receiving institution proposes to hand the referral over to an institution of a third country.
 * Operation `referrals.referral.act` on the referral.
 */
export class RequestTransferCommand extends ServiceCommand<RequestTransferInput, ReferralView> {}
