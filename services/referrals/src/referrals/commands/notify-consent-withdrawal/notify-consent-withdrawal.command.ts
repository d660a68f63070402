import { ServiceCommand } from '@crm/service-kit';
import type { DataCategory } from '../../../shared/vocabulary';
import type { ReferralView } from '../../referral-view';

export interface NotifyConsentWithdrawalInput {
  referralId: string;
  /** The consent that was narrowed or withdrawn. */
  consentId: string;
  /** What the recipient no longer receives under it (`lostCoverage`). */
  categories: DataCategory[];
}

/**
 * System only: the consent process (`CONSENT_PROCESS_PRINCIPAL`) tells a referral's receiving institution that
 * a consent its basis rests on no longer covers `categories`. No HTTP route; any other principal is refused by
 * the domain (403 `referral.system_only`). The acknowledgement deadline comes from the country pair's policy;
 * `options.commandId` (the case event and the referral) makes it idempotent.
 */
export class NotifyConsentWithdrawalCommand extends ServiceCommand<
  NotifyConsentWithdrawalInput,
  ReferralView
> {}
