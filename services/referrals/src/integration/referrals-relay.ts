import { topicsOf } from '@crm/contracts';
import type { EventStore, RecordedEvent } from '@crm/event-store';
import { ensureTopicsRetrying } from '@crm/gateway';
import type { LogPort } from '@crm/kernel';
import {
  preparingStore,
  startRelay,
  StreamStates,
  type Bus,
  type CheckpointStore,
  type Relay,
} from '@crm/messaging';
import type { CaseIndicators } from '../cases/domain';
import { caseIndicatorsBefore } from './case-indicators';
import {
  REFERRAL_RELAY_STREAM_PREFIXES,
  referralIntegrationMessages,
  referralStreamFold,
  type ReferralStreamState,
} from './referral-event-mapping';

export const REFERRALS_RELAY_NAME = 'referrals-integration-events';

export interface ReferralsRelayOptions {
  store: EventStore;
  bus: Bus;
  checkpoints: CheckpointStore;
  name?: string;
  /** Where failures and retries go (the kit passes the service's redacting logger). */
  logger?: LogPort;
  log?: (line: string) => void;
}

/**
 * The referral service's relay: a checkpointed catch-up subscription on `referral-*` that publishes the
 * integration events of each referral to its countries' `out` topics, checkpointing only after the bus
 * acknowledged (the event store is the outbox). On the way it folds each referral's state (`StreamStates`)
 * and, before a `ReferralSent`, reads the case's indicators as they stood then (`referralCase-<caseId>` up
 * to the event's position), so a republish after a restart publishes the same bytes.
 */
export async function startReferralsRelay(options: ReferralsRelayOptions): Promise<Relay> {
  await ensureTopicsRetrying(options.bus, topicsOf('referrals'));
  const states = new StreamStates<ReferralStreamState>(options.store, referralStreamFold);
  const indicators = new WeakMap<RecordedEvent, CaseIndicators | null>();
  const prepare = async (event: RecordedEvent): Promise<void> => {
    await states.prepare(event);
    const before = states.before(event);
    if (event.type === 'ReferralSent' && before.kind === 'referral' && before.state.caseId)
      indicators.set(event, await caseIndicatorsBefore(options.store, before.state.caseId, event.position));
  };
  return startRelay({
    store: preparingStore(options.store, prepare),
    bus: options.bus,
    checkpoints: options.checkpoints,
    name: options.name ?? REFERRALS_RELAY_NAME,
    filter: { streamPrefixes: REFERRAL_RELAY_STREAM_PREFIXES },
    map: (event) =>
      referralIntegrationMessages(event, {
        before: states.before(event),
        caseIndicators: indicators.get(event) ?? null,
      }),
    ...(options.logger ? { logger: options.logger } : options.log ? { log: options.log } : {}),
  });
}
