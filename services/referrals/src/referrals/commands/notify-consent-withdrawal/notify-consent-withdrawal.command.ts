import { Command } from '@nestjs/cqrs';
import type { CommandOptions } from '@crm/service-kit';
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
 * System only (the consent process, `services/referrals/src/consent-process`): tell a referral's receiving
 * institution that a consent its basis rests on no longer covers `categories`. No principal and no HTTP route:
 * it is dispatched in-process with the consent process's actor; the acknowledgement deadline comes from the
 * country pair's policy. `options.commandId` makes it idempotent (the consent process derives it from the
 * case event and the referral).
 */
export class NotifyConsentWithdrawalCommand extends Command<ReferralView> {
  constructor(
    readonly input: NotifyConsentWithdrawalInput,
    readonly options: CommandOptions = {},
  ) {
    super();
  }
}
