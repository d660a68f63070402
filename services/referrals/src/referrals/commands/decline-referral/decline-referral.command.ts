import { ServiceCommand } from '@crm/service-kit';
import type { DeclineReason } from '../../domain';
import type { ReferralView } from '../../referral-view';

export interface DeclineReferralInput {
  referralId: string;
  reason: DeclineReason;
  /** Free text about the child: encrypted under the child's key before anything stores it. */
  note?: string;
}

/**
 * The receiving institution declines the sent referral (FHIR: rejected) with a reason code and, optionally
 * (required with `other`), a note. Operation `referrals.referral.act` on the referral.
 */
export class DeclineReferralCommand extends ServiceCommand<DeclineReferralInput, ReferralView> {}
