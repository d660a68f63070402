import { ServiceCommand } from '@crm/service-kit';
import type { RevokeReason } from '../../domain';
import type { ReferralView } from '../../referral-view';

export interface RevokeReferralInput {
  referralId: string;
  reason: RevokeReason;
  /** Free text about the child: encrypted under the child's key before anything stores it. */
  note?: string;
}

/**
 * The sending institution withdraws the sent referral (FHIR: cancelled) with a reason code and, optionally (required with `other`), a note; a pending transfer lapses.
 * Operation `referrals.referral.act` on the referral.
 */
export class RevokeReferralCommand extends ServiceCommand<RevokeReferralInput, ReferralView> {}
