import { Pool } from 'pg';
import {
  stderrJsonLogPort,
  type BackoffOptions,
  type Bus,
  type ConsumeOptions,
  type Consumer,
  type OutgoingMessage,
} from '@crm/messaging';
import { logPortOf, systemClock, type Clock, type LogPort } from '@crm/kernel';
import { assertIdentifier, installBusSchema } from './schema';
import { partitionFor } from './partitioner';
import { PostgresConsumer } from './postgres-consumer';

export interface PostgresBusOptions {
  url: string;
  /** Schema of the bus tables (default `bus`). */
  schema?: string;
  /** Partitions of a topic created by ensureTopics or on first publish (default 3). */
  defaultPartitions?: number;
  /** Fallback polling interval when no NOTIFY arrives (default 250 ms). */
  pollIntervalMs?: number;
  /** How often a member re-checks the group's membership and its partitions (default 1000 ms). */
  rebalanceIntervalMs?: number;
  /** Handler retry back-off (default 100 ms doubling up to 5 s). */
  retryBackoff?: BackoffOptions;
  /** Default handler attempts before dead-lettering (default 5). */
  maxAttempts?: number;
  /** Messages fetched per partition per read (default 100). */
  batchSize?: number;
  /** Connections for publishing (default 5). Each consumer uses one extra dedicated connection. */
  poolSize?: number;
  clock?: Clock;
  /** Connection errors, reconnections and dead letters (default: JSON lines on stderr; services: the kit's redacting logger). */
  logger?: LogPort;
  /** Legacy line callback, used when `logger` is absent. */
  log?: (line: string) => void;
}

export interface ResolvedBusSettings {
  url: string;
  schema: string;
  channel: string;
  defaultPartitions: number;
  pollIntervalMs: number;
  rebalanceIntervalMs: number;
  retryBackoff: BackoffOptions;
  maxAttempts: number;
  batchSize: number;
  clock: Clock;
  logger: LogPort;
}

/**
 * Durable bus on PostgreSQL for single-machine deployments without Kafka. Same semantics as the Kafka
 * adapter: partitions by hash(key), per-key order, consumer groups with one active member per partition,
 * offsets committed after the handler, bounded retries then a dead-letter topic.
 */
export class PostgresBus implements Bus {
  private readonly partitionCache = new Map<string, number>();
  private readonly consumers = new Set<PostgresConsumer>();
  private closed = false;

  private constructor(
    private readonly pool: Pool,
    readonly settings: ResolvedBusSettings,
  ) {}

  static async connect(options: PostgresBusOptions): Promise<PostgresBus> {
    const schema = assertIdentifier(options.schema ?? 'bus');
    await installBusSchema(options.url, schema);
    const pool = new Pool({
      connectionString: options.url,
      max: options.poolSize ?? 5,
      application_name: 'crm-bus-publisher',
    });
    const logger = logPortOf(options, () => stderrJsonLogPort('bus'));
    pool.on('error', (err) => logger.warn({ error: err.message }, '[bus] idle connection error'));
    return new PostgresBus(pool, {
      url: options.url,
      schema,
      channel: `${schema}_messages`,
      defaultPartitions: options.defaultPartitions ?? 3,
      pollIntervalMs: options.pollIntervalMs ?? 250,
      rebalanceIntervalMs: options.rebalanceIntervalMs ?? 1000,
      retryBackoff: options.retryBackoff ?? { initialMs: 100, maxMs: 5000 },
      maxAttempts: options.maxAttempts ?? 5,
      batchSize: options.batchSize ?? 100,
      clock: options.clock ?? systemClock,
      logger,
    });
  }

  async ensureTopics(topics: string[]): Promise<void> {
    await this.partitionCounts(topics);
  }

  /** Readiness: one round trip on the publishing pool. */
  async ping(): Promise<void> {
    this.assertOpen();
    await this.pool.query('SELECT 1');
  }

  /** Partition count per topic, creating missing topics with the default count (like Kafka auto-create). */
  async partitionCounts(topics: string[]): Promise<Map<string, number>> {
    const missing = [...new Set(topics)].filter((t) => !this.partitionCache.has(t));
    for (const t of missing) assertTopic(t);
    if (missing.length > 0) {
      const s = this.settings.schema;
      await this.pool.query(
        `INSERT INTO ${s}.topics (topic, partitions) SELECT unnest($1::text[]), $2 ON CONFLICT (topic) DO NOTHING`,
        [missing, this.settings.defaultPartitions],
      );
      const rows = await this.pool.query<{ topic: string; partitions: number }>(
        `SELECT topic, partitions FROM ${s}.topics WHERE topic = ANY($1)`,
        [missing],
      );
      for (const r of rows.rows) this.partitionCache.set(r.topic, r.partitions);
    }
    return new Map(topics.map((t) => [t, this.partitionCache.get(t)!]));
  }

  /** One INSERT statement in its own transaction: resolves after COMMIT, so the messages are durable. */
  async publish(messages: OutgoingMessage[]): Promise<void> {
    this.assertOpen();
    if (messages.length === 0) return;
    for (const m of messages) assertMessage(m);
    const counts = await this.partitionCounts(messages.map((m) => m.topic));
    const s = this.settings.schema;
    await this.pool.query(
      `WITH ins AS (
         INSERT INTO ${s}.messages (topic, partition, key, value, headers)
         SELECT t, p, k, v, h FROM unnest($1::text[], $2::int[], $3::text[], $4::bytea[], $5::jsonb[]) WITH ORDINALITY AS u(t, p, k, v, h, ord)
         ORDER BY ord
         RETURNING topic)
       SELECT pg_notify($6, topic) FROM (SELECT DISTINCT topic FROM ins) d`,
      [
        messages.map((m) => m.topic),
        messages.map((m) => partitionFor(m.key, counts.get(m.topic)!)),
        messages.map((m) => m.key),
        messages.map((m) => m.value),
        messages.map((m) => JSON.stringify(m.headers ?? {})),
        this.settings.channel,
      ],
    );
  }

  async consume(options: ConsumeOptions): Promise<Consumer> {
    this.assertOpen();
    if (!options.groupId) throw new Error('consume: groupId is required');
    if (options.topics.length === 0) throw new Error('consume: at least one topic is required');
    await this.ensureTopics(options.topics);
    const consumer = new PostgresConsumer(this.settings, options, () => this.consumers.delete(consumer));
    this.consumers.add(consumer);
    await consumer.start();
    return consumer;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.consumers].map((c) => c.stop()));
    await this.pool.end();
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('PostgresBus is closed');
  }
}

function assertTopic(topic: unknown): void {
  if (typeof topic !== 'string' || !/^[A-Za-z0-9._-]{1,249}$/.test(topic))
    throw new Error(`invalid topic name: ${String(topic)}`);
}

function assertMessage(m: OutgoingMessage): void {
  assertTopic(m.topic);
  if (typeof m.key !== 'string') throw new Error('message key must be a string');
  if (!Buffer.isBuffer(m.value)) throw new Error('message value must be a Buffer');
  for (const [k, v] of Object.entries(m.headers ?? {})) {
    if (typeof v !== 'string') throw new Error(`header ${k} must be a string`);
  }
}
