import { readState } from '@crm/decider';
import type { EventStore } from '@crm/event-store';
import type { DeadlinePolicy } from '../referrals/domain';
import {
  deadlinePolicyDecider,
  deadlinePolicyStreamName,
  effectiveDeadlinePolicy as policyInForce,
  validCountryPair,
  type CountryPair,
  type DeadlinePolicyState,
} from './domain';

/** A pair's policy stream, folded. */
export interface LoadedDeadlinePolicy {
  pair: CountryPair;
  state: DeadlinePolicyState;
  /** The configured policy, else DEFAULT_DEADLINE_POLICY. */
  policy: DeadlinePolicy;
  configured: boolean;
  /** The stream's last revision (-1: never configured). */
  revision: number;
}

/** The fold of `referralDeadlinePolicy-<FROM>-<TO>` (422 `referral_deadline_policy.invalid_pair` on a bad pair). */
export async function loadDeadlinePolicy(
  store: Pick<EventStore, 'readStream'>,
  pair: { from: unknown; to: unknown },
): Promise<LoadedDeadlinePolicy> {
  const valid = validCountryPair(pair);
  const { state, revision } = await readState(store, deadlinePolicyStreamName(valid), deadlinePolicyDecider);
  return { pair: valid, state, policy: policyInForce(state), configured: state.policy !== null, revision };
}

/**
 * The deadlines a referral sent now from `from` to `to` gets: the policy the Secretariat configured for the
 * pair, else the defaults (48 h to acknowledge, 168 h to decide, 48 h to acknowledge a consent withdrawal).
 * What the send handler calls before `deadlinesFor(policy, now)`; a new policy applies from then on.
 */
export async function effectiveDeadlinePolicy(
  store: Pick<EventStore, 'readStream'>,
  from: string,
  to: string,
): Promise<DeadlinePolicy> {
  return (await loadDeadlinePolicy(store, { from, to })).policy;
}

/** What the API answers about a pair's deadlines (the command and the query). */
export interface DeadlinePolicyView {
  from: CountryPair['from'];
  to: CountryPair['to'];
  /** The policy in force: the configured one, else the defaults. */
  policy: DeadlinePolicy;
  /** False while the defaults apply. */
  configured: boolean;
  configuredAt: string | null;
  configuredBy: string | null;
  /** The stream revision to send in `If-Match` (-1: never configured). */
  revision: number;
}

export function toDeadlinePolicyView(
  pair: CountryPair,
  state: DeadlinePolicyState,
  revision: number,
): DeadlinePolicyView {
  return {
    from: pair.from,
    to: pair.to,
    policy: policyInForce(state),
    configured: state.policy !== null,
    configuredAt: state.configuredAt,
    configuredBy: state.configuredBy,
    revision,
  };
}
