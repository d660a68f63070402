import type { EntityManager } from 'typeorm';
import { InternalError } from '@crm/kernel';
import type { Deadline, DeadlineBacklog, DeadlineRecord, ReconcileResult, ScheduleOutcome } from './deadline';
import { DEADLINE_COLUMNS, toRecord, type DeadlineRow } from './rows';
import { deadlinesTable } from './schema';
import { assertDeadline, assertInTransaction } from './validate';

/** Anything that runs SQL: an EntityManager (inside or outside a transaction) or a DataSource. */
export type Queryable = Pick<EntityManager, 'query'>;

/**
 * The deadlines table of one schema, as its owners write it: every write runs in the caller's transaction
 * (the EntityManager a projection's `handle(event, manager)` receives), so scheduling and cancelling commit
 * atomically with the caller's other changes and its checkpoint, or not at all.
 */
export class Deadlines {
  /** `"<schema>".deadlines`. */
  readonly table: string;

  constructor(readonly schema: string) {
    this.table = deadlinesTable(schema);
  }

  /**
   * Sets the timer `deadline.key`. A new key is inserted `pending`; a pending one with other values (due time,
   * payload, revision, stream, kind) is moved to them and its attempts start again; a pending one with the
   * same values, or with a newer expected revision than `deadline`'s, is left as it is (so replaying past
   * events is harmless); a fired or cancelled one is left closed: it is NOT revived (use a new key).
   */
  async schedule<P>(manager: EntityManager, deadline: Deadline<P>): Promise<ScheduleOutcome> {
    assertInTransaction(manager, 'schedule');
    const payload = assertDeadline(deadline);
    const t = this.table;
    const written: Array<{ inserted: boolean }> = await manager.query(
      `INSERT INTO ${t} AS d (key, stream, kind, due_at, payload, expected_revision)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6)
       ON CONFLICT (key) DO UPDATE SET stream = EXCLUDED.stream, kind = EXCLUDED.kind, due_at = EXCLUDED.due_at,
         payload = EXCLUDED.payload, expected_revision = EXCLUDED.expected_revision,
         attempts = 0, last_error = NULL, retry_at = NULL, updated_at = now()
       WHERE d.status = 'pending'
         AND (d.expected_revision IS NULL OR EXCLUDED.expected_revision IS NULL
           OR EXCLUDED.expected_revision >= d.expected_revision)
         AND (d.stream, d.kind, d.due_at, d.payload, d.expected_revision)
           IS DISTINCT FROM (EXCLUDED.stream, EXCLUDED.kind, EXCLUDED.due_at, EXCLUDED.payload, EXCLUDED.expected_revision)
       RETURNING (xmax = 0) AS inserted`,
      [
        deadline.key,
        deadline.stream,
        deadline.kind,
        deadline.dueAt,
        payload,
        deadline.expectedRevision ?? null,
      ],
    );
    if (written.length === 1) return written[0].inserted ? 'scheduled' : 'rescheduled';
    // the conflicting row is locked by the INSERT: its status cannot change before the caller commits
    const [current]: Array<{ status: string; newer: boolean }> = await manager.query(
      `SELECT status, coalesce(expected_revision > $2, false) AS newer FROM ${t} WHERE key = $1`,
      [deadline.key, deadline.expectedRevision ?? null],
    );
    if (current?.status !== 'pending') return 'closed';
    return current.newer ? 'stale' : 'unchanged';
  }

  /** Cancels the pending deadline `key`; false when there is none (unknown, already fired or cancelled). */
  async cancel(manager: EntityManager, key: string): Promise<boolean> {
    assertInTransaction(manager, 'cancel');
    const rows: unknown[] = await manager.query(
      `WITH c AS (UPDATE ${this.table} SET status = 'cancelled', cancelled_at = now(), updated_at = now()
         WHERE key = $1 AND status = 'pending' RETURNING key)
       SELECT key FROM c`,
      [key],
    );
    return rows.length === 1;
  }

  /** Cancels every pending deadline of `stream` (only those of `kinds`, when given); returns their keys. */
  async cancelStream(manager: EntityManager, stream: string, kinds?: readonly string[]): Promise<string[]> {
    assertInTransaction(manager, 'cancelStream');
    const rows: Array<{ key: string }> = await manager.query(
      `WITH c AS (UPDATE ${this.table} SET status = 'cancelled', cancelled_at = now(), updated_at = now()
         WHERE stream = $1 AND status = 'pending' AND ($2::text[] IS NULL OR kind = ANY($2::text[]))
         RETURNING key)
       SELECT key FROM c ORDER BY key`,
      [stream, kinds ? [...kinds] : null],
    );
    return rows.map((r) => r.key);
  }

  /**
   * Makes the pending deadlines of `stream` exactly `desired`: each desired one is scheduled (new, moved, or
   * left as it is; fired or cancelled keys stay closed), every other pending deadline of the stream is
   * cancelled. What a projection calls after folding a stream's state: `desired` is the timers that state
   * implies (empty when the stream needs none any more). With `revision` (the revision folded), pending
   * deadlines computed from a newer revision are not cancelled: a replay of the stream's past (a rebuild)
   * cannot cancel what its latest state scheduled.
   */
  async reconcile<P>(
    manager: EntityManager,
    stream: string,
    desired: ReadonlyArray<Deadline<P>>,
    options: { revision?: number } = {},
  ): Promise<ReconcileResult> {
    assertInTransaction(manager, 'reconcile');
    const keys = new Set<string>();
    for (const d of desired) {
      if (d.stream !== stream || keys.has(d.key)) throw notReconcilable(stream, d.key);
      keys.add(d.key);
    }
    const result: ReconcileResult = { scheduled: [], rescheduled: [], cancelled: [], closed: [], stale: [] };
    const cancelled: Array<{ key: string }> = await manager.query(
      `WITH c AS (UPDATE ${this.table} SET status = 'cancelled', cancelled_at = now(), updated_at = now()
         WHERE stream = $1 AND status = 'pending' AND NOT (key = ANY($2::text[]))
           AND ($3::bigint IS NULL OR expected_revision IS NULL OR expected_revision <= $3::bigint)
         RETURNING key)
       SELECT key FROM c ORDER BY key`,
      [stream, [...keys], options.revision ?? null],
    );
    result.cancelled = cancelled.map((r) => r.key);
    for (const d of desired) {
      const outcome = await this.schedule(manager, d);
      if (outcome !== 'unchanged') result[outcome].push(d.key);
    }
    return result;
  }

  /** The deadline `key` with its bookkeeping, whatever its status; undefined when unknown. */
  async get<P = unknown>(db: Queryable, key: string): Promise<DeadlineRecord<P> | undefined> {
    const rows: DeadlineRow[] = await db.query(
      `SELECT ${DEADLINE_COLUMNS} FROM ${this.table} WHERE key = $1`,
      [key],
    );
    return rows[0] ? toRecord<P>(rows[0]) : undefined;
  }

  /** The pending deadlines of `stream`, soonest first. */
  async pending<P = unknown>(db: Queryable, stream: string): Promise<Array<DeadlineRecord<P>>> {
    const rows: DeadlineRow[] = await db.query(
      `SELECT ${DEADLINE_COLUMNS} FROM ${this.table} WHERE stream = $1 AND status = 'pending'
       ORDER BY due_at, key`,
      [stream],
    );
    return rows.map((r) => toRecord<P>(r));
  }

  /** Pending deadlines due at `now` (the runner clock's), and the age of the oldest: see DeadlineBacklog. */
  async backlog(db: Queryable, now: Date): Promise<DeadlineBacklog> {
    const [row]: Array<{ due: number; oldest: Date | null }> = await db.query(
      `SELECT count(*)::int AS due, min(due_at) AS oldest FROM ${this.table}
       WHERE status = 'pending' AND due_at <= $1`,
      [now],
    );
    return {
      due: row.due,
      oldestDueAgeMs: row.oldest ? Math.max(0, now.getTime() - row.oldest.getTime()) : null,
    };
  }
}

function notReconcilable(stream: string, key: string): InternalError {
  return new InternalError(
    'deadline.invalid',
    {
      es: `El plazo ${key} no puede conciliarse en el flujo ${stream}: pertenece a otro flujo o está repetido. Corrija el servicio que lo programa.`,
      en: `Deadline ${key} cannot be reconciled in stream ${stream}: it belongs to another stream or is repeated. Fix the service that schedules it.`,
    },
    { key, stream },
  );
}
