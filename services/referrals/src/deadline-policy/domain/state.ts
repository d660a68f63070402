import { DEFAULT_DEADLINE_POLICY, type DeadlinePolicy } from '../../referrals/domain/deadlines';
import type { DeadlinePolicyEvent } from './events';
import type { CountryPair } from './stream';

export interface DeadlinePolicyState {
  pair: CountryPair | null;
  /** The configured policy; null: never configured, the default applies. */
  policy: DeadlinePolicy | null;
  configuredAt: string | null;
  configuredBy: string | null;
}

export function initialDeadlinePolicyState(): DeadlinePolicyState {
  return { pair: null, policy: null, configuredAt: null, configuredBy: null };
}

/** Applies one event. Unknown event types leave the state as it is. */
export function evolveDeadlinePolicy(
  state: DeadlinePolicyState,
  event: DeadlinePolicyEvent,
): DeadlinePolicyState {
  switch (event.type) {
    case 'DeadlinesConfigured':
      return {
        pair: { from: event.data.from, to: event.data.to },
        policy: event.data.policy,
        configuredAt: event.data.configuredAt,
        configuredBy: event.data.configuredBy,
      };
    default:
      return state;
  }
}

/** The policy the pair's referrals are sent under: the configured one, else DEFAULT_DEADLINE_POLICY. */
export function effectiveDeadlinePolicy(state: DeadlinePolicyState): DeadlinePolicy {
  return state.policy ?? { ...DEFAULT_DEADLINE_POLICY };
}
