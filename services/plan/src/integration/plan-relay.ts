import { topicsOf } from '@crm/contracts';
import type { EventStore } from '@crm/event-store';
import type { LogPort } from '@crm/kernel';
import { ensureTopicsRetrying } from '@crm/gateway';
import {
  preparingStore,
  startRelay,
  StreamStates,
  type Bus,
  type CheckpointStore,
  type Relay,
} from '@crm/messaging';
import {
  planIntegrationMessages,
  planStreamFold,
  PLAN_RELAY_STREAM_PREFIXES,
  type PlanStreamState,
} from './plan-event-mapping';

export const PLAN_RELAY_NAME = 'plan-integration-events';

export interface PlanRelayOptions {
  store: EventStore;
  bus: Bus;
  checkpoints: CheckpointStore;
  name?: string;
  /** Where failures and retries go (the kit passes the service's redacting logger). */
  logger?: LogPort;
  log?: (line: string) => void;
}

/**
 * The plan service's relay: a checkpointed catch-up subscription on `planReport-*` and `planCatalogue-*`
 * that publishes their integration events and checkpoints only after the bus acknowledged (the event store
 * is the outbox). The stream state each mapping needs is folded on the way (`StreamStates`).
 */
export async function startPlanRelay(options: PlanRelayOptions): Promise<Relay> {
  await ensureTopicsRetrying(options.bus, topicsOf('plan'));
  const states = new StreamStates<PlanStreamState>(options.store, planStreamFold);
  return startRelay({
    store: preparingStore(options.store, (event) => states.prepare(event)),
    bus: options.bus,
    checkpoints: options.checkpoints,
    name: options.name ?? PLAN_RELAY_NAME,
    filter: { streamPrefixes: PLAN_RELAY_STREAM_PREFIXES },
    map: (event) => planIntegrationMessages(event, states.before(event)),
    ...(options.logger ? { logger: options.logger } : options.log ? { log: options.log } : {}),
  });
}
