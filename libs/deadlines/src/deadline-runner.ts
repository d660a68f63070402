import { InternalError, logPortOf, type Clock, type LogPort } from '@crm/kernel';
import { stderrJsonLogPort } from '@crm/messaging';
import type { DataSource, EntityManager } from 'typeorm';
import type { DeadlineBacklog, DueDeadline } from './deadline';
import { Deadlines } from './deadlines';
import { retryDelayMs } from './retry-delay';
import { DEADLINE_COLUMNS, toRecord, type DeadlineRow } from './rows';
import { migrateDeadlines } from './schema';

/** Longest `last_error` kept (a failing handler's message, not its stack). */
const MAX_ERROR_LENGTH = 2_000;

const FAILED = 'deadline handler failed, will retry / el manejador del plazo falló, se reintentará';

export interface DeadlineRunnerOptions<P = unknown> {
  dataSource: DataSource;
  /** The schema of the deadlines table (the one its owners write with `Deadlines`). */
  schema: string;
  /** "Now" of every due comparison and of `fired_at` / `retry_at` (never the database's now()). */
  clock: Clock;
  /**
   * Does what the deadline is for (e.g. sends `payload`'s command). MUST be idempotent: a crash after `fire`
   * and before the commit that marks the deadline fired fires it again on a later poll. Derive the effect's
   * id from the deadline (`command id = <key>@<expectedRevision>`) so the repeat is recognised.
   * `manager` is the claiming transaction, inside a savepoint: rows written through it commit with the
   * "fired" mark, and are rolled back if `fire` throws.
   */
  fire(deadline: DueDeadline<P>, manager: EntityManager): Promise<void>;
  /** For logs (default: the schema). */
  name?: string;
  /** Pause between polls when nothing more is due (default 1000 ms; `wake()` cuts it short). */
  pollIntervalMs?: number;
  /** Deadlines claimed per transaction (default 50). */
  batchSize?: number;
  /** Back-off after a failed `fire`: first retry after this (default 1000 ms), doubling, ... */
  retryInitialMs?: number;
  /** ... up to this (default 300 000 ms). Also the longest pause after a failed poll. */
  retryMaxMs?: number;
  /** Where failures are reported (default: JSON lines on stderr; services: the kit's redacting logger). */
  logger?: LogPort;
  /** Legacy line callback, used when `logger` is absent. */
  log?: (line: string) => void;
}

/**
 * Fires the due deadlines of one schema. Each poll, in one transaction: claims up to `batchSize` pending
 * deadlines due at the clock's now (`FOR UPDATE SKIP LOCKED`, so runners in several processes share the work
 * and never fire one deadline twice at once), calls `fire` for each, and marks it fired; a `fire` that throws
 * is rolled back to its savepoint and the deadline stays pending with `attempts + 1`, `last_error` and a
 * `retry_at` back-off. A poll repeats until nothing more is due, then the runner sleeps `pollIntervalMs`.
 * Guarantee: every pending deadline is fired at least once after it is due, and exactly once as seen by an
 * idempotent `fire` (see `fire`).
 */
export class DeadlineRunner<P = unknown> {
  private readonly deadlines: Deadlines;
  private readonly logger: LogPort;
  private readonly pollIntervalMs: number;
  private readonly batchSize: number;
  private readonly retryInitialMs: number;
  private readonly retryMaxMs: number;
  private stopped = true;
  private loop: Promise<void> | null = null;
  private wakeRequested = false;
  private wakeSleep: (() => void) | null = null;
  private serial: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: DeadlineRunnerOptions<P>) {
    this.deadlines = new Deadlines(options.schema);
    this.logger = logPortOf(options, () => stderrJsonLogPort('deadlines'));
    this.pollIntervalMs = positive('pollIntervalMs', options.pollIntervalMs ?? 1_000);
    this.batchSize = positive('batchSize', options.batchSize ?? 50);
    this.retryInitialMs = positive('retryInitialMs', options.retryInitialMs ?? 1_000);
    this.retryMaxMs = positive('retryMaxMs', Math.max(this.retryInitialMs, options.retryMaxMs ?? 300_000));
  }

  get name(): string {
    return this.options.name ?? this.options.schema;
  }

  get running(): boolean {
    return !this.stopped;
  }

  /** Migrates the table (idempotent) and starts polling. */
  async start(): Promise<void> {
    if (!this.stopped) return;
    await migrateDeadlines(this.options.dataSource, this.options.schema);
    this.stopped = false;
    this.loop = this.run();
  }

  /** Stops polling; resolves once the poll in progress (its `fire` calls included) has committed. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.wakeSleep?.();
    await this.loop;
    this.loop = null;
  }

  /** Polls now instead of at the end of the pause (e.g. after scheduling a deadline that is already due). */
  wake(): void {
    this.wakeRequested = true;
    this.wakeSleep?.();
  }

  /**
   * Fires every deadline due at the clock's now (one attempt each: a failing one waits for its back-off) and
   * resolves with how many were fired. Serialised with the runner's own polls. For tests with a manual clock,
   * and for a service that fires on demand instead of `start()`.
   */
  pollOnce(): Promise<number> {
    return this.poll(() => true);
  }

  /** The due-but-pending deadlines as of the clock's now: for `/health/ready` and `/metrics`. */
  backlog(): Promise<DeadlineBacklog> {
    return this.deadlines.backlog(this.options.dataSource, this.options.clock());
  }

  private poll(more: () => boolean): Promise<number> {
    const run = this.serial.then(() => this.drain(more));
    this.serial = run.catch(() => undefined);
    return run;
  }

  /** Batches at one instant until a batch comes back short: each claimed deadline is fired or backed off. */
  private async drain(more: () => boolean): Promise<number> {
    const now = this.options.clock();
    let fired = 0;
    for (;;) {
      const batch = await this.fireBatch(now);
      fired += batch.fired;
      if (batch.claimed < this.batchSize || !more()) return fired;
    }
  }

  /** One claim transaction; its log lines are written once it has committed (or failed as a whole). */
  private async fireBatch(now: Date): Promise<{ claimed: number; fired: number }> {
    const lines: Array<() => void> = [];
    try {
      return await this.options.dataSource.transaction(async (manager) => {
        const rows: DeadlineRow[] = await manager.query(
          `SELECT ${DEADLINE_COLUMNS} FROM ${this.deadlines.table}
           WHERE status = 'pending' AND due_at <= $1 AND (retry_at IS NULL OR retry_at <= $1)
           ORDER BY due_at, key LIMIT $2
           FOR UPDATE SKIP LOCKED`,
          [now, this.batchSize],
        );
        let fired = 0;
        for (const row of rows) if (await this.fireOne(manager, row, now, lines)) fired += 1;
        return { claimed: rows.length, fired };
      });
    } finally {
      for (const line of lines) line();
    }
  }

  /** Calls `fire` in a savepoint and marks the deadline fired, or backs it off; true when it fired. */
  private async fireOne(
    manager: EntityManager,
    row: DeadlineRow,
    now: Date,
    lines: Array<() => void>,
  ): Promise<boolean> {
    const { key, stream, kind, dueAt, payload, expectedRevision, attempts } = toRecord<P>(row);
    const due: DueDeadline<P> = {
      key,
      stream,
      kind,
      dueAt,
      payload,
      expectedRevision,
      attempt: attempts + 1,
    };
    const t = this.deadlines.table;
    try {
      await manager.transaction((savepoint) => this.options.fire(due, savepoint));
    } catch (err) {
      const error = (err instanceof Error ? err.message : String(err)).slice(0, MAX_ERROR_LENGTH);
      const after = Math.max(now.getTime(), this.options.clock().getTime());
      const retryAt = new Date(after + retryDelayMs(due.attempt, this.retryInitialMs, this.retryMaxMs));
      await manager.query(
        `UPDATE ${t} SET attempts = attempts + 1, last_error = $2, retry_at = $3, updated_at = now() WHERE key = $1`,
        [key, error, retryAt],
      );
      const fields = {
        deadlines: this.name,
        key,
        kind,
        attempt: due.attempt,
        retryAt: retryAt.toISOString(),
        error,
      };
      lines.push(() => this.logger.warn(fields, FAILED));
      return false;
    }
    await manager.query(
      `UPDATE ${t} SET status = 'fired', attempts = attempts + 1, retry_at = NULL, fired_at = $2, updated_at = now()
       WHERE key = $1`,
      [key, this.options.clock()],
    );
    const fields = { deadlines: this.name, key, kind, attempt: due.attempt };
    lines.push(() => this.logger.info?.(fields, 'deadline fired / plazo disparado'));
    return true;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      this.wakeRequested = false;
      let pause = this.pollIntervalMs;
      try {
        await this.poll(() => !this.stopped);
        failures = 0;
      } catch (err) {
        failures += 1;
        pause = retryDelayMs(failures, this.pollIntervalMs, Math.max(this.pollIntervalMs, this.retryMaxMs));
        this.logger.warn(
          { deadlines: this.name, failures, error: err instanceof Error ? err.message : String(err) },
          'deadline poll failed, retrying / la consulta de plazos falló, se reintentará',
        );
      }
      if (this.stopped) return;
      if (this.wakeRequested) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, pause);
        this.wakeSleep = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wakeSleep = null;
    }
  }
}

function positive(option: string, value: number): number {
  if (Number.isSafeInteger(value) && value >= 1) return value;
  throw new InternalError(
    'deadline.invalid_options',
    {
      es: `Opción ${option} del ejecutor de plazos no válida (${value}): debe ser un número entero mayor o igual a 1.`,
      en: `Invalid deadline runner option ${option} (${value}): it must be a whole number of at least 1.`,
    },
    { option, value },
  );
}
