import { ServiceCommand } from '@crm/service-kit';
import type { DeadlineStep } from '../../domain';
import type { ReferralView } from '../../referral-view';

/** A timer of a referral's open step: the step and the due instant it was computed for. */
export interface OverdueInput {
  referralId: string;
  step: DeadlineStep;
  /** The step's due instant the timer is for; a timer for another (stale) due instant records nothing. */
  dueAt: string;
}

/**
 * System (the deadline runner): half-way through a step's window, remind the receiving institution once per due
 * instant (`ReferralReminderSent`, counted). Sent only as REFERRALS_SYSTEM_PRINCIPAL (403 `referral.system_only`
 * otherwise); `options.commandId` is the deadline key (a repeat records nothing new) and
 * `options.expectedRevision` the revision the timer was scheduled at (412 when the referral moved since).
 */
export class RemindOverdueCommand extends ServiceCommand<OverdueInput, ReferralView> {}
