import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  START,
  jsonEvent,
  type AllStreamResolvedEvent,
  type JSONType,
  type ResolvedEvent,
} from '@eventstore/db-client';
import {
  assertReadOptions,
  assertStreamName,
  assertStreamReadOptions,
  checkExpectedRevision,
  findRetry,
  GENESIS_HASH,
  matchesFilter,
  sealEvents,
  validateAppend,
  type AppendOptions,
  type AppendResult,
  type EventStore,
  type NewEvent,
  type Position,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type StreamHead,
  type StreamName,
  type SubscribeOptions,
  type Subscription,
} from '@crm/event-store';
import { systemClock, type Clock } from '@crm/kernel';
import { openEsdbFeed } from './esdb-feed';
import {
  DEFAULT_BACKOFF,
  startResilientSubscription,
  type BackoffPolicy,
  type ResilientSubscriptionOptions,
} from './resilient-subscription';
import {
  exactEsdbRevision,
  isPlatformStream,
  isStreamNotFound,
  isWrongExpectedVersion,
  serialiseMetadata,
  serverFilter,
  toEsdbPosition,
  toRecordedEvent,
  translateAppendError,
  type EsdbRecord,
} from './translate';

export interface EventStoreDbEventStoreOptions {
  /** e.g. `esdb://localhost:2113?tls=false`. */
  connectionString: string;
  clock?: Clock;
  /** Re-subscribe back-off of subscriptions. */
  backoff?: BackoffPolicy;
  /** Events per $all page when reading with client-side filters (default 1000). */
  readAllPageSize?: number;
  onSubscriptionDrop?: ResilientSubscriptionOptions['onDrop'];
}

const MAX_ATTEMPTS = 20;

/**
 * The EventStoreDB adapter (production). Appends go through the shared rules of the port:
 * validateAppend, findRetry (idempotent re-append by event id) and checkExpectedRevision are checked
 * against the stream as read just before writing, and the batch is sealed with `sealEvents` at the
 * head read, then appended with ESDB's expected revision = that exact head, so a concurrent writer
 * makes the append fail (WrongExpectedVersion) and the adapter re-reads and decides again.
 */
export class EventStoreDbEventStore implements EventStore {
  private readonly clock: Clock;
  private readonly pageSize: number;
  private readonly subscriptions = new Set<Subscription>();
  private closed = false;

  constructor(
    readonly client: EventStoreDBClient,
    private readonly options: Omit<EventStoreDbEventStoreOptions, 'connectionString'> = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.pageSize = options.readAllPageSize ?? 1000;
  }

  static connect(options: EventStoreDbEventStoreOptions): EventStoreDbEventStore {
    return new EventStoreDbEventStore(EventStoreDBClient.connectionString(options.connectionString), options);
  }

  async appendToStream(
    stream: StreamName,
    events: NewEvent[],
    options: AppendOptions,
  ): Promise<AppendResult> {
    this.assertOpen();
    const expected = options?.expectedRevision;
    validateAppend(stream, events, expected);
    const ids = events.map((e) => e.eventId);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      // The whole stream: its head (revision, hash) and every stored id for the idempotency rule.
      const existing = await this.readStream(stream);
      const current = existing.length - 1;
      const retry = findRetry(
        stream,
        ids,
        existing.map((e) => ({ eventId: e.metadata.eventId, revision: e.revision, position: e.position })),
      );
      if (retry) return { nextExpectedRevision: current, position: retry.position, written: false };
      checkExpectedRevision(stream, expected, current);
      const previousHash = current < 0 ? GENESIS_HASH : existing[current].metadata.hash;
      const sealed = sealEvents(stream, events, current + 1, previousHash, this.clock());
      const esdbEvents = sealed.map((s) =>
        jsonEvent({
          id: s.metadata.eventId,
          type: s.metadata.type,
          data: s.data as JSONType,
          metadata: serialiseMetadata(s.metadata),
        }),
      );
      try {
        await this.client.appendToStream(stream, esdbEvents, {
          expectedRevision: exactEsdbRevision(current),
        });
        const last = current + sealed.length;
        return { nextExpectedRevision: last, position: await this.positionOf(stream, last), written: true };
      } catch (error) {
        if (isWrongExpectedVersion(error)) continue; // someone else wrote: re-read and apply the rules again
        throw translateAppendError(error, stream, expected);
      }
    }
    throw new Error(`append to ${stream}: too much contention, gave up after ${MAX_ATTEMPTS} attempts`);
  }

  /** The $all position of the event at `revision`, read back (the append result's position is not relied on). */
  private async positionOf(stream: StreamName, revision: number): Promise<Position> {
    const [event] = await this.readStream(stream, { fromRevision: revision, maxCount: 1 });
    if (!event || event.revision !== revision)
      throw new Error(`append to ${stream}: event ${revision} not readable after the append`);
    return event.position;
  }

  /**
   * EventStoreDB keeps no head apart from the events (its log is append-only; events cannot be edited in
   * place), so the head is the newest event as read back.
   */
  async readStreamHead(stream: StreamName): Promise<StreamHead | null> {
    const [newest] = await this.readStream(stream, { direction: 'backwards', maxCount: 1 });
    return newest ? { revision: newest.revision, hash: newest.metadata.hash } : null;
  }

  async readStream(stream: StreamName, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    assertStreamName(stream);
    assertStreamReadOptions(options);
    if (options.maxCount === 0) return [];
    const backwards = options.direction === 'backwards';
    const read = this.client.readStream(stream, {
      direction: backwards ? BACKWARDS : FORWARDS,
      fromRevision:
        options.fromRevision !== undefined ? BigInt(options.fromRevision) : backwards ? END : START,
      maxCount: options.maxCount ?? Number.MAX_SAFE_INTEGER,
    });
    const out: RecordedEvent[] = [];
    try {
      for await (const resolved of read as AsyncIterable<ResolvedEvent>) {
        if (resolved.event) out.push(toRecordedEvent(resolved.event as unknown as EsdbRecord));
      }
    } catch (error) {
      if (isStreamNotFound(error)) return [];
      throw error;
    }
    return out;
  }

  /**
   * $all in global order, after `fromPosition` (exclusive). The 6.x client reads $all without
   * server-side filters, so pages are read and filtered here (system streams skipped).
   */
  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    assertReadOptions(options);
    const max = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    const out: RecordedEvent[] = [];
    let cursor = options.fromPosition;
    while (out.length < max) {
      const read = this.client.readAll({
        direction: FORWARDS,
        fromPosition: cursor === undefined ? START : toEsdbPosition(cursor),
        maxCount: this.pageSize,
      });
      let raw = 0;
      for await (const resolved of read as AsyncIterable<AllStreamResolvedEvent>) {
        raw++;
        const e = resolved.event;
        if (!e) continue;
        const position = e.position.commit;
        if (cursor !== undefined && position <= cursor) continue; // the server read is inclusive
        cursor = position;
        if (!isPlatformStream(e.streamId)) continue;
        const event = toRecordedEvent(e as unknown as EsdbRecord);
        if (matchesFilter(event, options.filter)) out.push(event);
        if (out.length >= max) break;
      }
      if (raw < this.pageSize) break;
    }
    return out;
  }

  subscribeToAll(options: SubscribeOptions): Subscription {
    this.assertOpen();
    assertReadOptions(options);
    const filter = serverFilter(options.filter);
    const subscription = startResilientSubscription({
      open: (from) => openEsdbFeed(this.client, from, filter),
      subscribe: options,
      backoff: this.options.backoff ?? DEFAULT_BACKOFF,
      onDrop: this.options.onSubscriptionDrop,
    });
    this.subscriptions.add(subscription);
    subscription.done.catch(() => undefined).finally(() => this.subscriptions.delete(subscription));
    return subscription;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    await this.client.dispose();
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('EventStoreDbEventStore is closed');
  }
}
