import { describeEventStoreContract } from '../testing';
import { MemoryEventStore } from './memory-event-store';

describeEventStoreContract({
  name: 'memory',
  create: async ({ clock }) => new MemoryEventStore({ clock }),
  tamper: {
    alterData: async (store, stream, revision, data) =>
      (store as MemoryEventStore).tamperAlterData(stream, revision, data),
    deleteEvent: async (store, stream, revision) =>
      (store as MemoryEventStore).tamperDeleteEvent(stream, revision),
    swapEvents: async (store, stream, a, b) => (store as MemoryEventStore).tamperSwapEvents(stream, a, b),
  },
});
