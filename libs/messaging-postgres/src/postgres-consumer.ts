import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import {
  backoffDelay,
  deadLetterHeaders,
  defaultDeadLetterTopic,
  handleWithRetries,
  StoppableSleep,
  type ConsumeOptions,
  type Consumer,
  type DeadLetter,
  type HandlingOutcome,
  type IncomingMessage,
} from '@crm/messaging';
import { assignPartitions, partitionId, type TopicPartition } from './assignment';
import { postgresHandlerFailedText } from './dead-letter';
import { partitionFor } from './partitioner';
import type { ResolvedBusSettings } from './postgres-bus';

interface Owned extends TopicPartition {
  /** Last handled message: readers continue after (transactionId, id). */
  transactionId: string;
  id: string;
}

interface MessageRow {
  id: string;
  transaction_id: string;
  key: string | null;
  value: Buffer;
  headers: Record<string, string>;
}

/**
 * One member of a consumer group. It holds ONE dedicated connection: the session-level advisory locks of
 * the partitions it owns, LISTEN, reads and offset commits all go through it. If that connection dies, the
 * locks vanish with it and so does any commit the member could still attempt (fencing): another member
 * takes the partitions over from the last committed offset.
 */
export class PostgresConsumer implements Consumer {
  readonly memberId = randomUUID();
  private client: Client | null = null;
  private readonly owned = new Map<string, Owned>();
  private stopped = false;
  private loop: Promise<void> | null = null;
  private wakeUp: (() => void) | null = null;
  private pendingWake = false;
  /** Retry back-off: only stop() cuts it short (a NOTIFY must not shorten the delay). */
  private readonly retrySleeps = new StoppableSleep();
  private stopping: Promise<void> | null = null;
  private lastRebalance = 0;
  /** Set by a membership NOTIFY (join, leave, release) or when an assigned partition is still locked. */
  private rebalanceRequested = false;
  private readonly maxAttempts: number;
  private readonly deadLetterTopic: (topic: string) => string;

  constructor(
    private readonly settings: ResolvedBusSettings,
    private readonly options: ConsumeOptions,
    private readonly onStopped: () => void,
  ) {
    this.maxAttempts = Math.max(1, options.maxAttempts ?? settings.maxAttempts);
    this.deadLetterTopic = options.deadLetterTopic ?? defaultDeadLetterTopic;
  }

  async start(): Promise<void> {
    await this.connect();
    await this.rebalance();
    this.loop = this.run();
  }

  stop(): Promise<void> {
    this.stopping ??= this.shutdown();
    return this.stopping;
  }

  private async shutdown(): Promise<void> {
    this.stopped = true;
    this.wake();
    this.retrySleeps.stop();
    await this.loop;
    const client = this.client;
    this.client = null;
    this.owned.clear();
    if (client) {
      try {
        await client.query('SELECT pg_advisory_unlock_all()');
        await client.query(
          `DELETE FROM ${this.settings.schema}.consumer_members WHERE group_id = $1 AND member_id = $2`,
          [this.options.groupId, this.memberId],
        );
        await client.query('SELECT pg_notify($1, $2)', [this.membersChannel, this.options.groupId]);
      } catch {
        // the connection is already gone: its locks went with it
      }
      await client.end().catch(() => undefined);
    }
    this.onStopped();
  }

  /** Partitions currently owned (for tests and diagnostics). */
  ownedPartitions(): TopicPartition[] {
    return [...this.owned.values()].map(({ topic, partition }) => ({ topic, partition }));
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      try {
        if (!this.client) {
          await this.connect();
          this.lastRebalance = 0;
        }
        if (this.rebalanceRequested || Date.now() - this.lastRebalance >= this.settings.rebalanceIntervalMs)
          await this.rebalance();
        const worked = await this.processOwned(this.client!);
        failures = 0;
        if (!worked) await this.idle(this.settings.pollIntervalMs);
      } catch (err) {
        if (this.stopped) break;
        failures += 1;
        this.settings.logger.warn(
          { group: this.options.groupId, member: this.memberId.slice(0, 8), error: (err as Error).message },
          '[bus] consumer error, reconnecting',
        );
        this.dropClient();
        await this.idle(backoffDelay(failures, { initialMs: 200, maxMs: 5000 }));
      }
    }
  }

  private async connect(): Promise<void> {
    const s = this.settings.schema;
    const client = new Client({
      connectionString: this.settings.url,
      application_name: `crm-bus-consumer:${this.options.groupId}`.slice(0, 63),
    });
    client.on('error', (err) => {
      this.settings.logger.warn(
        { group: this.options.groupId, error: err.message },
        '[bus] consumer connection error',
      );
      if (this.client === client) this.dropClient();
    });
    client.on('notification', (n) => {
      if (n.channel === this.membersChannel) {
        if (n.payload !== this.options.groupId) return;
        this.rebalanceRequested = true;
      }
      this.wake();
    });
    await client.connect();
    try {
      // Offset commits need not wait for the WAL flush: a commit lost in a server crash only moves the
      // offset back (redelivery, still at-least-once). Publishing stays synchronous (durable).
      await client.query('SET synchronous_commit TO off');
      await client.query(`LISTEN ${this.settings.channel}`);
      await client.query(`LISTEN ${this.membersChannel}`);
      await client.query(
        `INSERT INTO ${s}.consumer_members (group_id, member_id, backend_pid, backend_start)
         SELECT $1, $2, pid, backend_start FROM pg_stat_activity WHERE pid = pg_backend_pid()
         ON CONFLICT (group_id, member_id) DO UPDATE SET backend_pid = EXCLUDED.backend_pid, backend_start = EXCLUDED.backend_start`,
        [this.options.groupId, this.memberId],
      );
      await client.query('SELECT pg_notify($1, $2)', [this.membersChannel, this.options.groupId]);
    } catch (err) {
      await client.end().catch(() => undefined);
      throw err;
    }
    this.client = client;
  }

  private dropClient(): void {
    const client = this.client;
    this.client = null;
    this.owned.clear();
    if (client) void client.end().catch(() => undefined);
  }

  /** Live members = member rows whose lock connection still exists; deals the partitions among them. */
  private async rebalance(): Promise<void> {
    const client = this.client!;
    const s = this.settings.schema;
    const group = this.options.groupId;
    this.lastRebalance = Date.now();
    this.rebalanceRequested = false;
    await client.query(
      `DELETE FROM ${s}.consumer_members m WHERE m.group_id = $1 AND NOT EXISTS (
         SELECT 1 FROM pg_stat_activity a WHERE a.pid = m.backend_pid AND a.backend_start = m.backend_start)`,
      [group],
    );
    const members = await client.query<{ member_id: string }>(
      `SELECT member_id FROM ${s}.consumer_members WHERE group_id = $1`,
      [group],
    );
    const topics = await client.query<{ topic: string; partitions: number }>(
      `SELECT topic, partitions FROM ${s}.topics WHERE topic = ANY($1)`,
      [this.options.topics],
    );
    const all: TopicPartition[] = topics.rows.flatMap((t) =>
      Array.from({ length: t.partitions }, (_, partition) => ({ topic: t.topic, partition })),
    );
    const target = assignPartitions(
      all,
      members.rows.map((m) => m.member_id),
      this.memberId,
    );
    const targetIds = new Set(target.map(partitionId));
    let released = false;
    for (const [id, tp] of [...this.owned]) {
      if (targetIds.has(id)) continue;
      await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [this.lockName(tp)]);
      this.owned.delete(id);
      released = true;
    }
    // tell the member waiting for what we released (it retries at once instead of at its next interval)
    if (released) await client.query('SELECT pg_notify($1, $2)', [this.membersChannel, this.options.groupId]);
    for (const tp of target) {
      const id = partitionId(tp);
      if (this.owned.has(id)) continue;
      const got = await client.query<{ ok: boolean }>(
        'SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS ok',
        [this.lockName(tp)],
      );
      if (!got.rows[0].ok) continue; // its previous owner has not released it yet: it notifies when it does
      this.owned.set(id, await this.loadOffset(client, tp));
    }
  }

  private get membersChannel(): string {
    return `${this.settings.schema}_members`;
  }

  private lockName(tp: TopicPartition): string {
    return `${this.settings.schema}|${this.options.groupId}|${tp.topic}|${tp.partition}`;
  }

  private async loadOffset(client: Client, tp: TopicPartition): Promise<Owned> {
    const s = this.settings.schema;
    const read = () =>
      client.query<{ t: string; id: string }>(
        `SELECT offset_transaction_id::text AS t, offset_id::text AS id FROM ${s}.consumer_offsets WHERE group_id = $1 AND topic = $2 AND partition = $3`,
        [this.options.groupId, tp.topic, tp.partition],
      );
    let row = (await read()).rows[0];
    if (!row) {
      // No committed offset: earliest, or (fromBeginning false) after the newest message present now.
      const start =
        this.options.fromBeginning === false
          ? (
              await client.query<{ t: string; id: string }>(
                `SELECT m.transaction_id::text AS t, m.id::text AS id FROM ${s}.messages m WHERE m.topic = $1 AND m.partition = $2 ORDER BY m.transaction_id DESC, m.id DESC LIMIT 1`,
                [tp.topic, tp.partition],
              )
            ).rows[0]
          : undefined;
      await client.query(
        `INSERT INTO ${s}.consumer_offsets (group_id, topic, partition, offset_transaction_id, offset_id) VALUES ($1, $2, $3, $4::xid8, $5)
         ON CONFLICT DO NOTHING`,
        [this.options.groupId, tp.topic, tp.partition, start?.t ?? '0', start?.id ?? '0'],
      );
      row = (await read()).rows[0];
    }
    return { ...tp, transactionId: row.t, id: row.id };
  }

  /** Reads the next batch of every owned partition below the xmin barrier and handles it in order. */
  private async processOwned(client: Client): Promise<boolean> {
    const s = this.settings.schema;
    let worked = false;
    for (const tp of [...this.owned.values()]) {
      if (this.stopped) break;
      const rows = await client.query<MessageRow>(
        // Order by the real columns (m.*): the text aliases would sort '10' before '4'.
        `SELECT m.id::text AS id, m.transaction_id::text AS transaction_id, m.key, m.value, m.headers FROM ${s}.messages m
         WHERE m.topic = $1 AND m.partition = $2
           AND (m.transaction_id, m.id) > ($3::xid8, $4::bigint)
           AND m.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
         ORDER BY m.transaction_id, m.id LIMIT $5`,
        [tp.topic, tp.partition, tp.transactionId, tp.id, this.settings.batchSize],
      );
      for (const row of rows.rows) {
        if (this.stopped || this.rebalanceRequested) return true; // hand partitions over between messages
        const message: IncomingMessage = {
          topic: tp.topic,
          key: row.key,
          value: row.value,
          headers: row.headers,
          partition: tp.partition,
          offset: row.id,
        };
        const outcome = await this.handle(message);
        if (outcome.kind === 'aborted') return worked;
        if (outcome.kind === 'dead') await this.deadLetterAndCommit(client, tp, row, message, outcome.letter);
        else await this.commit(client, tp, row);
        tp.transactionId = row.transaction_id;
        tp.id = row.id;
        worked = true;
      }
    }
    return worked;
  }

  /** Bounded retries with back-off; a final failure is dead-lettered even while stopping (one transaction with the offset). */
  private handle(message: IncomingMessage): Promise<HandlingOutcome> {
    return handleWithRetries(message, this.options.handler, {
      maxAttempts: this.maxAttempts,
      backoff: this.settings.retryBackoff,
      isActive: () => !this.stopped,
      now: this.settings.clock,
      wait: (ms) => this.retrySleeps.sleep(ms),
      deadLetterWhenStopping: true,
      failedText: postgresHandlerFailedText,
    });
  }

  private async commit(client: Client, tp: Owned, row: MessageRow): Promise<void> {
    await client.query(
      `UPDATE ${this.settings.schema}.consumer_offsets SET offset_transaction_id = $4::xid8, offset_id = $5, updated_at = now()
       WHERE group_id = $1 AND topic = $2 AND partition = $3`,
      [this.options.groupId, tp.topic, tp.partition, row.transaction_id, row.id],
    );
  }

  /** The dead letter and the offset move in ONE transaction: the message is neither lost nor handled twice. */
  private async deadLetterAndCommit(
    client: Client,
    tp: Owned,
    row: MessageRow,
    message: IncomingMessage,
    letter: DeadLetter,
  ): Promise<void> {
    const s = this.settings.schema;
    const dlq = this.deadLetterTopic(tp.topic);
    this.settings.logger.warn(
      { topic: tp.topic, partition: tp.partition, id: row.id, deadLetterTopic: dlq, code: letter.code },
      '[bus] message dead-lettered',
    );
    await client.query('BEGIN');
    try {
      await client.query(
        `INSERT INTO ${s}.topics (topic, partitions) VALUES ($1, $2) ON CONFLICT (topic) DO NOTHING`,
        [dlq, this.settings.defaultPartitions],
      );
      const p = await client.query<{ partitions: number }>(
        `SELECT partitions FROM ${s}.topics WHERE topic = $1`,
        [dlq],
      );
      await client.query(
        `INSERT INTO ${s}.messages (topic, partition, key, value, headers) VALUES ($1, $2, $3, $4, $5)`,
        [
          dlq,
          partitionFor(message.key, p.rows[0].partitions),
          message.key,
          Buffer.from(JSON.stringify(letter)),
          JSON.stringify(deadLetterHeaders(message, letter)),
        ],
      );
      await client.query('SELECT pg_notify($1, $2)', [this.settings.channel, dlq]);
      await this.commit(client, tp, row);
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    }
    this.options.onDeadLetter?.({ topic: tp.topic, deadLetterTopic: dlq, code: letter.code });
  }

  private wake(): void {
    const waiter = this.wakeUp;
    this.wakeUp = null;
    if (waiter) waiter();
    else this.pendingWake = true;
  }

  /** Waits up to `ms`; a NOTIFY or stop() ends the wait early. */
  private idle(ms: number): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.pendingWake) {
      this.pendingWake = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wakeUp = null;
        resolve();
      }, ms);
      this.wakeUp = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
