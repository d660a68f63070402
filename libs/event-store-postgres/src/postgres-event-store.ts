import {
  assertReadOptions,
  assertStreamName,
  assertStreamReadOptions,
  checkExpectedRevision,
  EventStoreValidationError,
  findRetry,
  GENESIS_HASH,
  sealEvents,
  startCatchUpSubscription,
  validateAppend,
  type AllFilter,
  type AppendOptions,
  type AppendResult,
  type EventStore,
  type ExpectedRevision,
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
import { runMigrations } from '@crm/config';
import { systemClock, type Clock } from '@crm/kernel';
import { Client, type Pool } from 'pg';
import { DataSource } from 'typeorm';
import { EVENT_STORE_MIGRATIONS } from './migrations/1732262400000-create-event-store';
import { BARRIER, EVENT_COLUMNS, filterSql, toRecorded, writeBatch, type EventRow } from './sql';

export interface PostgresEventStoreOptions {
  url: string;
  /** Database schema of the store's tables (default `event_store`). */
  schema?: string;
  clock?: Clock;
  /** Connections in the pool (default 10). */
  poolSize?: number;
  /** Subscriptions poll this often when no notification arrives (ms, default 500). */
  pollIntervalMs?: number;
  /**
   * How long a read of $all waits, at the tail, for events already committed but still behind the
   * barrier (an older transaction is still running) before returning without them (ms, default 2000).
   */
  barrierWaitMs?: number;
  /** Least time between two NOTIFYs to other processes' subscriptions under load (ms, default 10). */
  notifyIntervalMs?: number;
}

const SCHEMA_PATTERN = /^[a-z_][a-z0-9_]{0,62}$/;
const HASH_CACHE_SIZE = 10_000;
const MAX_ATTEMPTS = 20;

/** The PostgreSQL adapter: the embedded default and every test machine's store. */
export class PostgresEventStore implements EventStore {
  private readonly listeners = new Set<() => void>();
  /** Last known (revision, hash) per stream: lets most appends take one round trip. */
  private readonly heads = new Map<StreamName, { revision: number; hash: string }>();
  private listenClient: Client | undefined;
  private listening: Promise<void> | undefined;
  private notifyState: 'idle' | 'sending' | 'again' = 'idle';
  private notifyClient: Promise<Client> | undefined;
  private closed = false;
  readonly channel: string;

  private constructor(
    readonly dataSource: DataSource,
    private readonly pool: Pool,
    readonly schema: string,
    private readonly clock: Clock,
    private readonly options: PostgresEventStoreOptions,
  ) {
    this.channel = `${schema}_events`;
  }

  /** Connects and runs the store's versioned migrations (idempotent; safe from several processes). */
  static async connect(options: PostgresEventStoreOptions): Promise<PostgresEventStore> {
    const schema = options.schema ?? 'event_store';
    if (!SCHEMA_PATTERN.test(schema)) throw new Error(`invalid event store schema name: ${schema}`);
    await runMigrations(options.url, { schema, migrations: EVENT_STORE_MIGRATIONS });
    const dataSource = new DataSource({
      type: 'postgres',
      url: options.url,
      schema,
      poolSize: options.poolSize ?? 10,
      logging: false,
    });
    await dataSource.initialize();
    const pool = (dataSource.driver as unknown as { master: Pool }).master;
    // an idle connection dropped by the server (restart, admin command) must not crash the process
    pool.on('error', () => undefined);
    return new PostgresEventStore(dataSource, pool, schema, options.clock ?? systemClock, options);
  }

  async appendToStream(
    stream: StreamName,
    events: NewEvent[],
    options: AppendOptions,
  ): Promise<AppendResult> {
    this.assertOpen();
    const expected = options?.expectedRevision;
    validateAppend(stream, events, expected);
    const fast = this.fastPathHead(stream, expected);
    if (fast) {
      const result = await this.tryWrite(stream, events, fast.revision, fast.hash);
      if (result) return result;
    }
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const state = await this.streamState(
        stream,
        events.map((e) => e.eventId),
      );
      const retry = findRetry(
        stream,
        events.map((e) => e.eventId),
        state.found,
      );
      if (retry) return { nextExpectedRevision: state.revision, position: retry.position, written: false };
      checkExpectedRevision(stream, expected, state.revision);
      const result = await this.tryWrite(stream, events, state.revision, state.hash);
      if (result) return result;
    }
    throw new Error(`append to ${stream}: too much contention, gave up after ${MAX_ATTEMPTS} attempts`);
  }

  /** The stream head to try a one-statement append against, when it is known without reading. */
  private fastPathHead(
    stream: StreamName,
    expected: ExpectedRevision,
  ): { revision: number; hash: string } | undefined {
    if (expected === 'no_stream') return { revision: -1, hash: GENESIS_HASH };
    const head = this.heads.get(stream);
    if (!head) return undefined;
    if (expected === 'any' || expected === 'stream_exists' || expected === head.revision) return head;
    return undefined;
  }

  /** One statement: succeeds, or returns undefined when the stream moved / an id exists (then re-read). */
  private async tryWrite(
    stream: StreamName,
    events: NewEvent[],
    current: number,
    hash: string,
  ): Promise<AppendResult | undefined> {
    const recordedAt = this.clock();
    const sealed = sealEvents(stream, events, current + 1, hash, recordedAt);
    let positions: Position[];
    try {
      positions = await writeBatch(this.pool, this.schema, stream, sealed, current, recordedAt);
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code === '23505') return undefined; // a duplicate event id (or a racing new stream): decide on fresh state
      if (code === '22P05' || code === '22P02') {
        throw new EventStoreValidationError('invalid_data', {
          es: 'Los datos del evento contienen caracteres que no se pueden guardar (p. ej. \\u0000).',
          en: 'The event data contains characters that cannot be stored (e.g. \\u0000).',
        });
      }
      throw e;
    }
    if (positions.length === 0) {
      this.heads.delete(stream);
      return undefined;
    }
    const last = sealed[sealed.length - 1];
    this.remember(stream, last.revision, last.metadata.hash);
    this.wakeAll();
    return { nextExpectedRevision: last.revision, position: positions[positions.length - 1], written: true };
  }

  private remember(stream: StreamName, revision: number, hash: string): void {
    this.heads.delete(stream);
    this.heads.set(stream, { revision, hash });
    if (this.heads.size > HASH_CACHE_SIZE) this.heads.delete(this.heads.keys().next().value as string);
  }

  private async streamState(stream: StreamName, eventIds: string[]) {
    const r = await this.pool.query<{
      revision: string | null;
      last_hash: string | null;
      found: Array<{ id: string; r: number; p: string }>;
    }>(
      `SELECT s.revision, s.last_hash,
              (SELECT coalesce(json_agg(json_build_object('id', e.event_id, 'r', e.revision, 'p', e.position::text)), '[]')
                 FROM "${this.schema}".events e WHERE e.stream_name = $1 AND e.event_id = ANY($2::uuid[])) AS found
         FROM (SELECT 1) AS one LEFT JOIN "${this.schema}".streams s ON s.stream_name = $1`,
      [stream, eventIds],
    );
    const row = r.rows[0];
    const revision = row.revision === null ? -1 : Number(row.revision);
    const hash = row.last_hash ?? GENESIS_HASH;
    if (revision >= 0) this.remember(stream, revision, hash);
    return {
      revision,
      hash,
      found: row.found.map((f) => ({ eventId: f.id, revision: Number(f.r), position: BigInt(f.p) })),
    };
  }

  /** From the `streams` table (written in the append's statement), not from the events: see EventStore. */
  async readStreamHead(stream: StreamName): Promise<StreamHead | null> {
    this.assertOpen();
    assertStreamName(stream);
    const r = await this.pool.query<{ revision: string; last_hash: string }>(
      `SELECT revision::text AS revision, last_hash FROM "${this.schema}".streams WHERE stream_name = $1`,
      [stream],
    );
    const row = r.rows[0];
    return row ? { revision: Number(row.revision), hash: row.last_hash } : null;
  }

  async readStream(stream: StreamName, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    assertStreamName(stream);
    assertStreamReadOptions(options);
    const backwards = options.direction === 'backwards';
    const from = options.fromRevision ?? (backwards ? Number.MAX_SAFE_INTEGER : 0);
    const r = await this.pool.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM "${this.schema}".events
        WHERE stream_name = $1 AND revision ${backwards ? '<=' : '>='} $2
        ORDER BY revision ${backwards ? 'DESC' : 'ASC'} LIMIT $3`,
      [stream, from, options.maxCount ?? null],
    );
    return r.rows.map(toRecorded);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    assertReadOptions(options);
    return this.readAllSafe(options.fromPosition, options.maxCount, options.filter);
  }

  /**
   * Reads in position order below the barrier. At the tail, when events already committed are held back
   * by an older, still-running transaction, waits (up to barrierWaitMs) for the barrier to pass them, so a
   * read after an append sees it; never returns an event while an earlier one may still appear.
   */
  private async readAllSafe(
    fromPosition: Position | undefined,
    maxCount: number | undefined,
    filter: AllFilter | undefined,
  ) {
    const out: RecordedEvent[] = [];
    let from = fromPosition ?? -1n;
    const max = maxCount ?? Number.MAX_SAFE_INTEGER;
    const deadline = Date.now() + (this.options.barrierWaitMs ?? 2000);
    const { where, params } = filterSql(filter, 3);
    const conditions = where.length ? `AND ${where.join(' AND ')}` : '';
    const heldFilter = filterSql(filter, 2);
    const heldConditions = heldFilter.where.length ? `AND ${heldFilter.where.join(' AND ')}` : '';
    for (;;) {
      const want = max - out.length;
      const limit = Math.min(want, 100_000);
      const page = await this.pool.query<EventRow>(
        `SELECT ${EVENT_COLUMNS} FROM "${this.schema}".events
          WHERE position > $1 AND position < ${BARRIER} ${conditions}
          ORDER BY position LIMIT $2`,
        [from.toString(), limit, ...params],
      );
      for (const row of page.rows) out.push(toRecorded(row));
      if (out.length > 0) from = out[out.length - 1].position;
      if (out.length >= max) return out;
      if (page.rows.length === limit) continue;
      const held = await this.pool.query<{ held: boolean }>(
        `SELECT EXISTS (SELECT 1 FROM "${this.schema}".events WHERE position > $1 AND position >= ${BARRIER} ${heldConditions}) AS held`,
        [from.toString(), ...params],
      );
      if (!held.rows[0].held || Date.now() >= deadline || this.closed) return out;
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  subscribeToAll(options: SubscribeOptions): Subscription {
    this.assertOpen();
    assertReadOptions(options);
    void this.listen();
    return startCatchUpSubscription(
      {
        readAll: (fromPosition, batchSize, filter) => this.readAllSafe(fromPosition, batchSize, filter),
        onWake: (listener) => {
          this.listeners.add(listener);
          return () => this.listeners.delete(listener);
        },
        pollIntervalMs: this.options.pollIntervalMs ?? 500,
      },
      options,
    );
  }

  /** LISTEN on the store's channel (once): other processes' appends wake this process's subscriptions. */
  private listen(): Promise<void> {
    if (!this.listening) {
      const client = new Client({ connectionString: this.options.url });
      this.listenClient = client;
      client.on('notification', () => this.wakeLocal());
      client.on('error', () => {
        // subscriptions keep polling; the next subscribe starts listening again
        this.listening = undefined;
        this.listenClient = undefined;
      });
      this.listening = client
        .connect()
        .then(() => client.query(`LISTEN "${this.channel}"`))
        .then(() => undefined)
        .catch(() => {
          this.listening = undefined;
          this.listenClient = undefined;
        });
    }
    return this.listening;
  }

  private wakeLocal(): void {
    for (const l of [...this.listeners]) l();
  }

  /**
   * Wakes local subscriptions now, and other processes' through a NOTIFY sent after the commit, outside the
   * append's transaction (a NOTIFY inside it would serialise every commit on PostgreSQL's notify lock), on
   * a connection with synchronous_commit off, and coalesced: at most one in flight, then one more after
   * notifyIntervalMs (local subscriptions are woken at once, without NOTIFY).
   */
  private wakeAll(): void {
    this.wakeLocal();
    if (this.notifyState !== 'idle') {
      this.notifyState = 'again';
      return;
    }
    this.notifyState = 'sending';
    const send = (): void => {
      if (this.closed) {
        this.notifyState = 'idle';
        return;
      }
      this.notifier()
        .then((client) => client.query('SELECT pg_notify($1, $2)', [this.channel, '']))
        .catch(() => {
          this.notifyClient = undefined; // reconnect next time; subscriptions still poll
        })
        .then(() => {
          if (this.notifyState === 'again') {
            this.notifyState = 'sending';
            setTimeout(send, this.options.notifyIntervalMs ?? 10);
          } else this.notifyState = 'idle';
        });
    };
    send();
  }

  private notifier(): Promise<Client> {
    if (!this.notifyClient) {
      const client = new Client({ connectionString: this.options.url });
      client.on('error', () => {
        this.notifyClient = undefined;
      });
      this.notifyClient = client
        .connect()
        .then(() => client.query('SET synchronous_commit TO off'))
        .then(() => client);
    }
    return this.notifyClient;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.wakeLocal();
    await this.listening;
    await this.listenClient?.end().catch(() => undefined);
    // let a NOTIFY in flight finish before the pool goes
    for (let i = 0; i < 100 && this.notifyState !== 'idle'; i++) await new Promise((r) => setTimeout(r, 5));
    const notifier = await this.notifyClient?.catch(() => undefined);
    await notifier?.end().catch(() => undefined);
    await this.dataSource.destroy();
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('PostgresEventStore is closed');
  }
}
