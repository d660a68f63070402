import type { Decider } from '@crm/decider';
import type { DeadlinePolicyCommand } from './commands';
import { decideDeadlinePolicy } from './decide';
import type { DeadlinePolicyEvent } from './events';
import { evolveDeadlinePolicy, initialDeadlinePolicyState, type DeadlinePolicyState } from './state';

/** The decider of one `referralDeadlinePolicy-<FROM>-<TO>` stream (`deadlinePolicyStreamName(pair)`). */
export const deadlinePolicyDecider: Decider<DeadlinePolicyCommand, DeadlinePolicyEvent, DeadlinePolicyState> =
  {
    decide: decideDeadlinePolicy,
    evolve: evolveDeadlinePolicy,
    initialState: initialDeadlinePolicyState,
  };
