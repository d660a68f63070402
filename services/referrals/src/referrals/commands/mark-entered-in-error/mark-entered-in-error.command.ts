import { ServiceCommand } from '@crm/service-kit';
import type { EnteredInErrorReason } from '../../domain';
import type { ReferralView } from '../../referral-view';

export interface MarkEnteredInErrorInput {
  referralId: string;
  reason: EnteredInErrorReason;
  /** Free text about the child: encrypted under the child's key before anything stores it. */
  note?: string;
}

/**
 * The sending institution declares that the referral (draft or requested) should never have existed, with a reason code and, optionally (required with `other`), a note.
 * Operation `referrals.referral.act` on the referral.
 */
export class MarkEnteredInErrorCommand extends ServiceCommand<MarkEnteredInErrorInput, ReferralView> {}
