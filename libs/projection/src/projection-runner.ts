import type { MigrationClass } from '@crm/config';
import type { DataSource, EntityManager } from 'typeorm';
import type { AllFilter, EventStore, Position, RecordedEvent, Subscription } from '@crm/event-store';
import { logPortOf, type LogPort } from '@crm/kernel';
import { stderrJsonLogPort } from '@crm/messaging';
import { handleOnce, loadCheckpoint } from './handle-once';
import { assertIdentifier, assertTableName, ensureProjectionTables } from './schema';

/** A read model built from events. */
export interface Projection {
  /** Consumer name: the key of its checkpoint and processed-event rows. */
  name: string;
  filter?: AllFilter;
  /** The tables this projection owns (schema-qualified if needed); `rebuild()` truncates exactly these. */
  tables: string[];
  /**
   * Migrations of the projection's own tables (TypeORM `MigrationInterface` classes), run at start and before
   * a rebuild in the runner's schema, after the bookkeeping's (`ensureProjectionTables`). No DDL elsewhere.
   */
  migrations?: readonly MigrationClass[];
  /** Applies one event inside the transaction that also records the event id and the checkpoint. */
  handle(event: RecordedEvent, manager: EntityManager): Promise<void>;
}

export interface ProjectionRunnerOptions {
  store: EventStore;
  dataSource: DataSource;
  projection: Projection;
  /** Schema of processed_events / consumer_checkpoints (default `public`). */
  schema?: string;
  batchSize?: number;
  retryInitialMs?: number;
  retryMaxMs?: number;
  /** Where failures are reported (default: JSON lines on stderr; services: the kit's redacting logger). */
  logger?: LogPort;
  /** Legacy line callback, used when `logger` is absent. */
  log?: (line: string) => void;
}

/**
 * Runs a projection: a catch-up subscription from the checkpoint in `consumer_checkpoints`; each event is
 * applied with `handleOnce` (effects + processed id + checkpoint in one transaction). A failing handler
 * rolls back its transaction; the runner restarts from the checkpoint with back-off (a projection cannot
 * skip an event, so it retries until the cause is fixed).
 */
export class ProjectionRunner {
  private subscription: Subscription | null = null;
  private supervisor: Promise<void> | null = null;
  private stopped = true;
  private applied: Position | undefined;
  private wakeSleep: (() => void) | null = null;
  private readonly schema: string;
  private readonly logger: LogPort;
  private readonly waiters = new Set<{ position: Position; resolve: () => void }>();

  constructor(private readonly options: ProjectionRunnerOptions) {
    this.schema = assertIdentifier(options.schema ?? 'public');
    this.logger = logPortOf(options, () => stderrJsonLogPort('projection'));
    options.projection.tables.forEach(assertTableName);
  }

  /** The projection's name (its checkpoint's key) and filter: what is still to apply is every matching event after `position`. */
  get name(): string {
    return this.options.projection.name;
  }

  get filter(): AllFilter | undefined {
    return this.options.projection.filter;
  }

  /** Position of the last event applied (or the stored checkpoint at start). */
  get position(): Position | undefined {
    return this.applied;
  }

  get caughtUp(): boolean {
    return this.subscription?.caughtUp ?? false;
  }

  async start(): Promise<void> {
    if (!this.stopped) return;
    const { dataSource, projection } = this.options;
    await ensureProjectionTables(dataSource, this.schema, projection.migrations);
    this.stopped = false;
    this.applied = await loadCheckpoint(dataSource, this.schema, projection.name);
    this.subscribe();
    this.supervisor = this.supervise();
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.wakeSleep?.();
    await this.subscription?.stop().catch(() => undefined);
    await this.supervisor;
    this.subscription = null;
  }

  /**
   * Rebuilds the read model from scratch: stops, truncates the projection's tables and deletes its
   * checkpoint and processed ids in ONE transaction, then replays every event from the start.
   */
  async rebuild(): Promise<void> {
    const { dataSource, projection } = this.options;
    const wasRunning = !this.stopped;
    await this.stop();
    await ensureProjectionTables(dataSource, this.schema, projection.migrations);
    await dataSource.transaction(async (manager) => {
      if (projection.tables.length > 0) await manager.query(`TRUNCATE ${projection.tables.join(', ')}`);
      await manager.query(`DELETE FROM ${this.schema}.consumer_checkpoints WHERE consumer = $1`, [
        projection.name,
      ]);
      await manager.query(`DELETE FROM ${this.schema}.processed_events WHERE consumer = $1`, [
        projection.name,
      ]);
    });
    this.applied = undefined;
    if (wasRunning) await this.start();
  }

  /** Resolves once the projection has applied the event at `position` (or a later one). */
  waitFor(position: Position): Promise<void> {
    if (this.applied !== undefined && this.applied >= position) return Promise.resolve();
    return new Promise((resolve) => this.waiters.add({ position, resolve }));
  }

  private subscribe(): void {
    const { store, projection, dataSource } = this.options;
    this.subscription = store.subscribeToAll({
      fromPosition: this.applied,
      filter: projection.filter,
      batchSize: this.options.batchSize,
      handler: async (event) => {
        await handleOnce(
          dataSource,
          {
            consumer: projection.name,
            eventId: event.metadata.eventId,
            position: event.position,
            schema: this.schema,
          },
          (m) => projection.handle(event, m),
        );
        this.applied = event.position;
        for (const w of this.waiters) {
          if (w.position <= event.position) {
            this.waiters.delete(w);
            w.resolve();
          }
        }
      },
    });
  }

  private async supervise(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      try {
        await this.subscription!.done;
        if (this.stopped) return;
      } catch (err) {
        if (this.stopped) return;
        failures += 1;
        this.logger.warn(
          { projection: this.options.projection.name, error: (err as Error).message },
          `[projection ${this.options.projection.name}] failed, restarting from its checkpoint`,
        );
      }
      const delay = Math.min(
        this.options.retryMaxMs ?? 30_000,
        (this.options.retryInitialMs ?? 200) * 2 ** Math.max(0, failures - 1),
      );
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        this.wakeSleep = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wakeSleep = null;
      if (this.stopped) return;
      try {
        this.applied = await loadCheckpoint(
          this.options.dataSource,
          this.schema,
          this.options.projection.name,
        );
        this.subscribe();
      } catch (err) {
        failures += 1;
        this.logger.warn(
          { projection: this.options.projection.name, error: (err as Error).message },
          `[projection ${this.options.projection.name}] cannot read its checkpoint`,
        );
        this.subscription = {
          done: Promise.reject(err),
          stop: async () => undefined,
          caughtUp: false,
        } as Subscription;
        this.subscription.done.catch(() => undefined);
      }
    }
  }
}
