import type { EventStore, Position, RecordedEvent } from '@crm/event-store';
import type { LogPort } from '@crm/kernel';
import type { DataSource, EntityManager } from 'typeorm';
import { replayInBatches } from './batched-replay';
import { ProjectionRunner, type Projection } from './projection-runner';
import { rebuildWithin } from './rebuild-within';

export interface ReadModelRunnerOptions {
  store: EventStore;
  /** A data source on the read-model schema. */
  dataSource: DataSource;
  /** Schema of the read model's tables and of its checkpoint and processed ids. */
  schema: string;
  projection: Projection;
  /** Applies one page of events during a rebuild, in the page's transaction (effects only). */
  applyBatch(events: RecordedEvent[], manager: EntityManager): Promise<void>;
  batchSize?: number;
  /** Events per transaction during a rebuild (default 2000). */
  rebuildBatchSize?: number;
  /** Where the projection reports failures (the kit passes the service's redacting logger). */
  logger?: LogPort;
  log?: (line: string) => void;
}

/** What the rebuild route answers: 200 when rebuilt and caught up within the wait, 202 while it still runs. */
export interface RebuildAnswer {
  status: 200 | 202;
  body: { rebuilt: boolean; caughtUp: boolean; position: string | null; seconds: number };
}

/**
 * A service's read models as one runnable, rebuildable unit: its projection's runner (catch-up from the
 * checkpoint), a rebuild that truncates and replays in pages, and the rebuild route's logic. Services extend it
 * with their queries (the plan's PlanReadModels, the referrals' ReferralReadModels).
 */
export class ReadModelRunner {
  readonly runner: ProjectionRunner;
  private running = false;
  /** The rebuild in progress: a second request while it runs waits on the same one. */
  private rebuilding: Promise<void> | undefined;

  constructor(private readonly readModel: ReadModelRunnerOptions) {
    this.runner = new ProjectionRunner({
      store: readModel.store,
      dataSource: readModel.dataSource,
      projection: readModel.projection,
      schema: readModel.schema,
      batchSize: readModel.batchSize ?? 1000,
      ...(readModel.logger ? { logger: readModel.logger } : {}),
      ...(readModel.log ? { log: readModel.log } : {}),
    });
  }

  async start(): Promise<void> {
    this.running = true;
    await this.runner.start();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.runner.stop();
  }

  /**
   * Rebuilds from scratch: stops the runner, truncates the projection's tables and deletes its checkpoint and
   * processed ids in one transaction (ProjectionRunner.rebuild), replays every event of its filter in pages
   * (effects + processed ids + checkpoint per page in one transaction), then starts again if it ran.
   */
  async rebuild(): Promise<void> {
    const wasRunning = this.running;
    await this.runner.stop();
    await this.runner.rebuild();
    await replayInBatches({
      store: this.readModel.store,
      dataSource: this.readModel.dataSource,
      schema: this.readModel.schema,
      consumer: this.readModel.projection.name,
      filter: this.readModel.projection.filter,
      batchSize: this.readModel.rebuildBatchSize ?? 2000,
      apply: (events, manager) => this.readModel.applyBatch(events, manager),
    });
    if (wasRunning) await this.start();
  }

  waitFor(position: Position): Promise<void> {
    return this.runner.waitFor(position);
  }

  /** Resolves true once the projection has caught up with the store, false after `timeoutMs`. */
  async whenCaughtUp(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (!this.runner.caughtUp) {
      if (Date.now() >= deadline) return false;
      await new Promise((r) => setTimeout(r, 20));
    }
    return true;
  }

  /**
   * The rebuild route: starts a rebuild (or joins the one running), waits for it at most `waitMs` and for the
   * projection to catch up in what is left; 200 when both happened, else 202 (it goes on in the background; a
   * later failure goes to `onLateError`, never an unhandled rejection).
   */
  async requestRebuild(waitMs: number, onLateError: (error: unknown) => void): Promise<RebuildAnswer> {
    const started = Date.now();
    this.rebuilding ??= this.rebuild().finally(() => {
      this.rebuilding = undefined;
    });
    const outcome = await rebuildWithin(this.rebuilding, waitMs, onLateError);
    const left = Math.max(0, waitMs - (Date.now() - started));
    const caughtUp = outcome === 'done' && (await this.whenCaughtUp(left));
    return {
      status: caughtUp ? 200 : 202,
      body: {
        rebuilt: outcome === 'done',
        caughtUp,
        position: this.runner.position?.toString() ?? null,
        seconds: (Date.now() - started) / 1000,
      },
    };
  }
}
