import { systemClock, type Clock } from '@crm/kernel';
import { startCatchUpSubscription } from '../catch-up-subscription';
import { assertReadOptions, assertStreamReadOptions, matchesFilter } from '../filter';
import { GENESIS_HASH, sealEvents } from '../hash-chain';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StreamHead,
  StreamName,
  SubscribeOptions,
  Subscription,
} from '../types';
import { assertStreamName, validateAppend } from '../validation';
import { checkExpectedRevision, findRetry } from '../append-rules';

export interface MemoryEventStoreOptions {
  clock?: Clock;
}

/** In-memory adapter for unit tests: the same semantics as the PostgreSQL adapter, nothing persisted. */
export class MemoryEventStore implements EventStore {
  private readonly clock: Clock;
  private readonly all: RecordedEvent[] = [];
  private readonly streams = new Map<StreamName, RecordedEvent[]>();
  /** Heads recorded at append time, apart from the events (tampering with events leaves them as they were). */
  private readonly heads = new Map<StreamName, StreamHead>();
  private readonly listeners = new Set<() => void>();
  private readonly deleted = new Set<bigint>();
  private nextPosition = 1n;
  private closed = false;

  constructor(options: MemoryEventStoreOptions = {}) {
    this.clock = options.clock ?? systemClock;
  }

  async appendToStream(
    stream: StreamName,
    events: NewEvent[],
    options: AppendOptions,
  ): Promise<AppendResult> {
    this.assertOpen();
    validateAppend(stream, events, options?.expectedRevision);
    const existing = this.streams.get(stream) ?? [];
    const current = existing.length - 1;
    const retry = findRetry(
      stream,
      events.map((e) => e.eventId),
      existing.map((e) => ({ eventId: e.metadata.eventId, revision: e.revision, position: e.position })),
    );
    if (retry) return { nextExpectedRevision: current, position: retry.position, written: false };
    checkExpectedRevision(stream, options.expectedRevision, current);
    const previousHash = current < 0 ? GENESIS_HASH : existing[current].metadata.hash;
    const sealed = sealEvents(stream, clone(events), current + 1, previousHash, this.clock());
    const recorded: RecordedEvent[] = sealed.map((s) => ({
      streamName: stream,
      revision: s.revision,
      position: this.nextPosition++,
      type: s.metadata.type,
      data: s.data,
      metadata: s.metadata,
    }));
    this.streams.set(stream, [...existing, ...recorded]);
    const newest = recorded[recorded.length - 1];
    this.heads.set(stream, { revision: newest.revision, hash: newest.metadata.hash });
    this.all.push(...recorded);
    for (const l of [...this.listeners]) l();
    return {
      nextExpectedRevision: current + recorded.length,
      position: recorded[recorded.length - 1].position,
      written: true,
    };
  }

  async readStreamHead(stream: StreamName): Promise<StreamHead | null> {
    this.assertOpen();
    assertStreamName(stream);
    const head = this.heads.get(stream);
    return head ? { ...head } : null;
  }

  async readStream(stream: StreamName, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    assertStreamName(stream);
    assertStreamReadOptions(options);
    const events = this.streams.get(stream) ?? [];
    const max = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    if (options.direction === 'backwards') {
      const from = options.fromRevision ?? events.length - 1;
      return events
        .filter((e) => e.revision <= from)
        .reverse()
        .slice(0, max)
        .map(clone);
    }
    const from = options.fromRevision ?? 0;
    return events
      .filter((e) => e.revision >= from)
      .slice(0, max)
      .map(clone);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    assertReadOptions(options);
    const from = options.fromPosition ?? 0n;
    const max = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    const out: RecordedEvent[] = [];
    // positions are 1..n at index position-1
    for (let i = Number(from); i < this.all.length && out.length < max; i++) {
      const e = this.all[i];
      if (!this.deleted.has(e.position) && matchesFilter(e, options.filter)) out.push(clone(e));
    }
    return out;
  }

  subscribeToAll(options: SubscribeOptions): Subscription {
    this.assertOpen();
    assertReadOptions(options);
    return startCatchUpSubscription(
      {
        readAll: async (fromPosition, maxCount, filter) => this.readAll({ fromPosition, maxCount, filter }),
        onWake: (listener) => {
          this.listeners.add(listener);
          return () => this.listeners.delete(listener);
        },
        pollIntervalMs: 1000,
      },
      options,
    );
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const l of [...this.listeners]) l();
  }

  // ---- tampering, for tests of the hash chain only --------------------------------------------

  /** Test only: replaces the data of a stored event in place (as an attacker with database access would). */
  tamperAlterData(stream: StreamName, revision: number, newData: unknown): void {
    const e = this.at(stream, revision);
    e.data = clone(newData);
  }

  /** Test only: removes a stored event, leaving a gap in the stream. */
  tamperDeleteEvent(stream: StreamName, revision: number): void {
    const e = this.at(stream, revision);
    this.streams.set(
      stream,
      (this.streams.get(stream) ?? []).filter((x) => x !== e),
    );
    this.deleted.add(e.position);
  }

  /** Test only: swaps the contents of two stored events, each keeping its place (revision, position). */
  tamperSwapEvents(stream: StreamName, revA: number, revB: number): void {
    const a = this.at(stream, revA);
    const b = this.at(stream, revB);
    const tmp = { type: a.type, data: a.data, metadata: a.metadata };
    Object.assign(a, { type: b.type, data: b.data, metadata: b.metadata });
    Object.assign(b, tmp);
  }

  private at(stream: StreamName, revision: number): RecordedEvent {
    const e = (this.streams.get(stream) ?? []).find((x) => x.revision === revision);
    if (!e) throw new Error(`no event ${stream}@${revision}`);
    return e;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('MemoryEventStore is closed');
  }
}

/**
 * A deep copy built with this module's own object and array literals. Not `structuredClone`: under jest a test
 * runs in a vm context while Node's structuredClone makes objects of the outer realm, and `util.isDeepStrictEqual`
 * (the deciders' "nothing changed, record nothing" checks) compares prototypes, so every stored value would look
 * changed. Event data is JSON (validated on append); Dates and bigints of the metadata are kept as such.
 */
function clone<T>(v: T): T {
  if (Array.isArray(v)) return v.map(clone) as T;
  if (v instanceof Date) return new Date(v.getTime()) as T;
  if (v instanceof Uint8Array) return Uint8Array.from(v) as T;
  if (typeof v === 'object' && v !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(v)) out[key] = clone(value);
    return out as T;
  }
  return v;
}
