import type { SendDeadlines } from './commands';

/**
 * How long a receiving institution has for each step of a referral, per pair of countries (the Secretariat
 * configures it: `../../deadline-policy/domain`). Whole hours, 1 to 720 (30 days).
 */
export interface DeadlinePolicy {
  /** From sending to the acknowledgement of receipt. */
  acknowledgeWithinHours: number;
  /** From sending to the decision (accept or decline). */
  decideWithinHours: number;
  /** From a consent withdrawal's notification to its acknowledgement. */
  withdrawalAcknowledgeWithinHours: number;
}

/**
 * The policy of a country pair the Secretariat has not configured: 48 hours to acknowledge, 7 days
 * (168 hours) to decide, 48 hours to acknowledge a consent withdrawal.
 */
export const DEFAULT_DEADLINE_POLICY: Readonly<DeadlinePolicy> = Object.freeze({
  acknowledgeWithinHours: 48,
  decideWithinHours: 168,
  withdrawalAcknowledgeWithinHours: 48,
});

const HOUR_MS = 3_600_000;

function plusHours(at: Date | string, hours: number): string {
  return new Date(new Date(at).getTime() + hours * HOUR_MS).toISOString();
}

/** The deadlines of a referral sent at `sentAt` under `policy` (what SendReferral carries). */
export function deadlinesFor(policy: DeadlinePolicy, sentAt: Date | string): SendDeadlines {
  return {
    acknowledgeBy: plusHours(sentAt, policy.acknowledgeWithinHours),
    decideBy: plusHours(sentAt, policy.decideWithinHours),
  };
}

/** When a consent withdrawal notified at `notifiedAt` must be acknowledged (what NotifyConsentWithdrawal carries). */
export function withdrawalDeadlineFor(policy: DeadlinePolicy, notifiedAt: Date | string): string {
  return plusHours(notifiedAt, policy.withdrawalAcknowledgeWithinHours);
}
