import type { DeadlinePolicy } from '../../referrals/domain/deadlines';

/** Secretariat coordinator: sets the deadlines of referrals from `from` to `to` (whole hours, 1 to 720). */
export interface ConfigureDeadlines {
  type: 'ConfigureDeadlines';
  from: string;
  to: string;
  policy: DeadlinePolicy;
}

export type DeadlinePolicyCommand = ConfigureDeadlines;
