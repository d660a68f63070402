import { ServiceCommand } from '@crm/service-kit';
import type { OverrideReason } from '../../domain';
import type { ReferralView } from '../../referral-view';

/** Sending without (enough) consent: why, and the detail in words (encrypted under the child's key). */
export interface SendOverrideInput {
  reason: OverrideReason;
  note?: string;
}

export interface SendReferralInput {
  referralId: string;
  /** Only with `referrals.referral.override` (protection supervisor); refused (403) otherwise. */
  override?: SendOverrideInput;
}

/**
 * The sending institution sends its draft. The consent basis is computed from the case (never given by the
 * client), the deadlines from the country pair's policy. Operation `referrals.referral.act` on the referral;
 * with an override `referrals.referral.override`.
 */
export class SendReferralCommand extends ServiceCommand<SendReferralInput, ReferralView> {}
