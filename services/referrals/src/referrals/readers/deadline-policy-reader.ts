import { readState } from '@crm/decider';
import type { EventStore } from '@crm/event-store';
import type { CountryCode } from '@crm/kernel';
import {
  deadlinePolicyDecider,
  deadlinePolicyStreamName,
  effectiveDeadlinePolicy as policyOf,
} from '../../deadline-policy/domain';
import type { DeadlinePolicy } from '../domain';

/**
 * The deadline policy referrals from `from` to `to` are sent under: the Secretariat's configuration of the pair
 * (`referralDeadlinePolicy-<FROM>-<TO>`), else the defaults. Same signature as the deadline-policy context's
 * reader, which replaces this file once it is on main.
 */
export async function effectiveDeadlinePolicy(
  store: Pick<EventStore, 'readStream'>,
  from: CountryCode,
  to: CountryCode,
): Promise<DeadlinePolicy> {
  const { state } = await readState(store, deadlinePolicyStreamName({ from, to }), deadlinePolicyDecider);
  return policyOf(state);
}
