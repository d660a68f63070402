import { describeEventStoreContract } from '@crm/event-store/testing';
import { EventStoreDbEventStore } from './eventstoredb-event-store';

/**
 * The shared event-store contract against a real EventStoreDB. Runs only with
 * EVENTSTORE_CONNECTION_STRING (e.g. esdb://localhost:2113?tls=false), because no EventStoreDB
 * server can run on the build machine (no Docker, no package). The contract writes to random stream
 * categories, so a shared server is fine. No tamper facility: ESDB has no in-place edit of events.
 */
const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;

if (connectionString) {
  describeEventStoreContract({
    name: 'eventstoredb',
    create: async ({ clock }) => EventStoreDbEventStore.connect({ connectionString, clock }),
    subscriptionEvents: Number(process.env.EVENTSTORE_CONTRACT_SUBSCRIPTION_EVENTS ?? 10_000),
    sharedStorage: true,
  });
} else {
  console.warn(
    'eventstoredb contract suite skipped: EVENTSTORE_CONNECTION_STRING is not set (no EventStoreDB server can run on this machine)',
  );
  describe.skip('event store contract: eventstoredb (EVENTSTORE_CONNECTION_STRING is not set)', () => {
    it('runs the shared contract against a real EventStoreDB', () => undefined);
  });
}
