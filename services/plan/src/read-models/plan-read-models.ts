import type { EventStore, Position } from '@crm/event-store';
import type { Clock, CountryCode } from '@crm/kernel';
import { ProjectionRunner } from '@crm/projection';
import type { DataSource } from 'typeorm';
import { liveActivities } from '../domain/catalogue';
import { allPeriods, type ReportingPeriod } from '../domain/periods';
import { catalogueAsOf } from '../review/catalogue-as-of';
import {
  buildActivitySummary,
  buildMatrix,
  buildTimeliness,
  type ActivitySummaryView,
  type CatalogueFacts,
  type MatrixCell,
  type MatrixView,
  type TimelinessView,
} from './dashboard-views';
import { replayInBatches } from './batched-replay';
import { applyReportEvents, dashboardProjection, MATRIX_TABLE, READ_SCHEMA, REPORT_STATUS_TABLE, rowFromRecord, SELECT_REPORT_COLUMNS, type ReportStatusRecord } from './dashboard.projection';
import { unknownActivity } from './errors';
import { objectiveOf, type ReportRow } from './report-row';
import { currentWindow } from './window-source';

/** The plan this service reports against (its catalogue stream is `planCatalogue-<planId>`). */
export const DASHBOARD_PLAN_ID = '2017-2022';

export interface PlanReadModelsOptions {
  store: EventStore;
  /** A data source on the read-model schema (`platform.dataSource('plan_read')`). */
  dataSource: DataSource;
  clock: Clock;
  planId?: string;
  batchSize?: number;
  /** Events per transaction during a rebuild (default 2000). */
  rebuildBatchSize?: number;
  log?: (line: string) => void;
}

/**
 * The plan service's read models: runs the dashboard projection (catch-up from its checkpoint, rebuildable)
 * and answers the dashboard queries. Matrix and per-activity summary come from the projected tables;
 * timeliness is computed at query time from the report rows + the catalogue + the window + the clock.
 */
export class PlanReadModels {
  readonly runner: ProjectionRunner;
  private readonly planId: string;

  constructor(private readonly options: PlanReadModelsOptions) {
    this.planId = options.planId ?? DASHBOARD_PLAN_ID;
    this.runner = new ProjectionRunner({
      store: options.store,
      dataSource: options.dataSource,
      projection: dashboardProjection,
      schema: READ_SCHEMA,
      batchSize: options.batchSize ?? 1000,
      log: options.log,
    });
  }

  private running = false;

  async start(): Promise<void> {
    this.running = true;
    await this.runner.start();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.runner.stop();
  }

  /**
   * Rebuilds from scratch: stops the runner, truncates the tables and deletes the checkpoint and processed
   * ids in one transaction (ProjectionRunner.rebuild), replays every report event in pages of `batchSize`
   * (effects + processed ids + checkpoint per page in one transaction), then starts the runner again from
   * that checkpoint if it was running.
   */
  async rebuild(): Promise<void> {
    const wasRunning = this.running;
    await this.runner.stop();
    await this.runner.rebuild();
    await replayInBatches({
      store: this.options.store,
      dataSource: this.options.dataSource,
      schema: READ_SCHEMA,
      consumer: dashboardProjection.name,
      filter: dashboardProjection.filter,
      batchSize: this.options.rebuildBatchSize ?? 2000,
      apply: (events, manager) => applyReportEvents(events, manager),
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

  async catalogueFacts(): Promise<CatalogueFacts & { knownActivities: Set<string> }> {
    const state = await catalogueAsOf(this.options.store, this.planId);
    return {
      planId: this.planId,
      version: state.version,
      objectives: (state.catalogue?.objectives ?? []).map((o) => ({ numeral: o.numeral, text: o.text })),
      liveActivities: liveActivities(state).map((a) => ({ id: a.id, objective: a.objective })),
      knownActivities: new Set((state.catalogue?.activities ?? []).map((a) => a.id)),
    };
  }

  async matrix(period: ReportingPeriod, countries: CountryCode[]): Promise<MatrixView> {
    const [catalogue, cells] = await Promise.all([
      this.catalogueFacts(),
      this.options.dataSource.query(
        `SELECT country, objective, status, activities FROM ${MATRIX_TABLE} WHERE period = $1 AND country = ANY($2::text[]) AND activities > 0`,
        [period, countries],
      ) as Promise<MatrixCell[]>,
    ]);
    return buildMatrix({ period, countries, cells, catalogue });
  }

  async timeliness(period: ReportingPeriod, countries: CountryCode[]): Promise<TimelinessView> {
    const [catalogue, rows, window] = await Promise.all([
      this.catalogueFacts(),
      this.rows('period = $1 AND country = ANY($2::text[])', [period, countries]),
      currentWindow(this.options.store, period),
    ]);
    return buildTimeliness({ period, countries, rows, catalogue, window: window.window, scheduled: window.scheduled, now: this.options.clock() });
  }

  async activity(activityId: string, period: ReportingPeriod | undefined, countries: CountryCode[]): Promise<ActivitySummaryView> {
    const catalogue = await this.catalogueFacts();
    if (!catalogue.knownActivities.has(activityId)) throw unknownActivity(activityId, this.planId);
    const rows = await this.rows(
      period ? 'activity_id = $1 AND country = ANY($2::text[]) AND period = $3' : 'activity_id = $1 AND country = ANY($2::text[])',
      period ? [activityId, countries, period] : [activityId, countries],
    );
    const periods = period ? [period] : allPeriods().filter((p) => rows.some((r) => r.period === p));
    return buildActivitySummary({
      activityId,
      objective: objectiveOf(activityId),
      live: catalogue.liveActivities.some((a) => a.id === activityId),
      periods,
      countries,
      rows,
    });
  }

  /** Every projected report row (tests and the rebuild comparison). */
  allRows(): Promise<ReportRow[]> {
    return this.rows('TRUE', []);
  }

  private async rows(where: string, params: unknown[]): Promise<ReportRow[]> {
    const records: ReportStatusRecord[] = await this.options.dataSource.query(
      `SELECT ${SELECT_REPORT_COLUMNS} FROM ${REPORT_STATUS_TABLE} WHERE ${where} ORDER BY stream_name`,
      params,
    );
    return records.map(rowFromRecord);
  }
}
