import type { EventStore, RecordedEvent, Subscription, SubscribeOptions } from '@crm/event-store';

/** How to fold one category of streams. */
export interface StreamFold<S> {
  initial: (streamName: string) => S;
  evolve: (state: S, event: RecordedEvent) => S;
}

/**
 * The state of each stream just before each event, for mappings that need more than the event itself
 * (e.g. `ReportSubmitted` does not repeat the reported status: the draft before it has it).
 *
 * `prepare(event)` runs before the relay sees the event (see `preparingStore`): it reuses the cached state
 * when the previous revision was the last one seen, otherwise it reads the stream up to the event (after a
 * restart from a checkpoint, or when the cache evicted the stream). `before(event)` is then synchronous.
 */
export class StreamStates<S> {
  private readonly cache = new Map<string, { revision: number; state: S }>();
  private readonly prepared = new WeakMap<RecordedEvent, S>();

  constructor(
    private readonly store: Pick<EventStore, 'readStream'>,
    private readonly fold: StreamFold<S>,
    private readonly maxStreams = 5_000,
  ) {}

  async prepare(event: RecordedEvent): Promise<void> {
    const cached = this.cache.get(event.streamName);
    let before: S;
    if (cached && cached.revision === event.revision - 1) {
      before = cached.state;
    } else {
      before = this.fold.initial(event.streamName);
      if (event.revision > 0) {
        const earlier = await this.store.readStream(event.streamName, {
          direction: 'forwards',
          fromRevision: 0,
          maxCount: event.revision,
        });
        for (const e of earlier) before = this.fold.evolve(before, e);
      }
    }
    this.prepared.set(event, before);
    this.cache.delete(event.streamName); // re-insert: most recently used last
    this.cache.set(event.streamName, { revision: event.revision, state: this.fold.evolve(before, event) });
    if (this.cache.size > this.maxStreams) this.cache.delete(this.cache.keys().next().value as string);
  }

  /** The state before `event`; throws when `prepare` did not see it (a wiring error). */
  before(event: RecordedEvent): S {
    if (!this.prepared.has(event))
      throw new Error(
        `StreamStates: event ${event.metadata.eventId} of ${event.streamName} was not prepared`,
      );
    return this.prepared.get(event) as S;
  }
}

/**
 * The same store, whose subscriptions await `prepare(event)` before handing each event to the handler.
 * Lets a relay's synchronous `map` use state that needs an asynchronous read.
 */
export function preparingStore(
  store: EventStore,
  prepare: (event: RecordedEvent) => Promise<void>,
): EventStore {
  return {
    appendToStream: (stream, events, options) => store.appendToStream(stream, events, options),
    readStream: (stream, options) => store.readStream(stream, options),
    readStreamHead: (stream) => store.readStreamHead(stream),
    readAll: (options) => store.readAll(options),
    close: () => store.close(),
    subscribeToAll: (options: SubscribeOptions): Subscription =>
      store.subscribeToAll({
        ...options,
        handler: async (event) => {
          await prepare(event);
          await options.handler(event);
        },
      }),
  };
}
