import type { EventStore } from '@crm/event-store';
import type { Clock, CountryCode, LogPort } from '@crm/kernel';
import { ReadModelRunner } from '@crm/projection';
import type { DataSource } from 'typeorm';
import { liveActivities } from '../catalogue/domain';
import { periodOutsidePlan, planPeriods, type PlanYears, type ReportingPeriod } from '../windows/domain';
import { DEFAULT_PLAN_ID } from '../catalogue/catalogue-reader';
import { planDirectory } from '../catalogue/plan-directory';
import { catalogueAsOf } from '../review/catalogue-as-of';
import { loadWindow } from '../windows/window-reader';
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
import {
  applyReportEvents,
  dashboardProjection,
  MATRIX_TABLE,
  READ_SCHEMA,
  REPORT_STATUS_TABLE,
  rowFromRecord,
  SELECT_REPORT_COLUMNS,
  type ReportStatusRecord,
} from './dashboard.projection';
import { planNotImported, unknownActivity } from './errors';
import { objectiveOf, type ReportRow } from './report-row';

export interface PlanReadModelsOptions {
  store: EventStore;
  /** A data source on the read-model schema (`platform.dataSource('plan_read')`). */
  dataSource: DataSource;
  clock: Clock;
  /** The plan addressed when a query names neither a period nor a plan (default: the plan imported at start). */
  planId?: string;
  batchSize?: number;
  /** Events per transaction during a rebuild (default 2000). */
  rebuildBatchSize?: number;
  /** Where the projection reports failures (the kit passes the service's redacting logger). */
  logger?: LogPort;
  log?: (line: string) => void;
}

/**
 * The plan service's read models: runs the dashboard projection (catch-up from its checkpoint, rebuildable)
 * and answers the dashboard queries. Matrix and per-activity summary come from the projected tables;
 * timeliness is computed at query time from the report rows + the catalogue + the window + the clock.
 * A query's plan is the imported plan whose years contain its period (422 `plan.period.outside_plans` if none);
 * a `planId` given with a period must be that plan (422 `plan.period.outside_plan`); without a period, `planId`
 * or else the default plan. The tables hold the reports of every plan (a report's period names its plan).
 */
export class PlanReadModels extends ReadModelRunner {
  private readonly planId: string;

  constructor(private readonly options: PlanReadModelsOptions) {
    super({
      store: options.store,
      dataSource: options.dataSource,
      schema: READ_SCHEMA,
      projection: dashboardProjection,
      applyBatch: (events, manager) => applyReportEvents(events, manager),
      ...(options.batchSize ? { batchSize: options.batchSize } : {}),
      ...(options.rebuildBatchSize ? { rebuildBatchSize: options.rebuildBatchSize } : {}),
      ...(options.logger ? { logger: options.logger } : {}),
      ...(options.log ? { log: options.log } : {}),
    });
    this.planId = options.planId ?? DEFAULT_PLAN_ID; // the plan the activity summary addresses without `plan`
  }

  /** The plan a query addresses: the period's plan (checked against `planId` when both are given), else `planId`, else the default. */
  async planFor(period?: ReportingPeriod, planId?: string): Promise<PlanYears> {
    const directory = planDirectory(this.options.store);
    if (period === undefined) {
      const id = planId ?? this.planId;
      const plan = await directory.plan(id);
      if (!plan) throw planNotImported(id);
      return plan;
    }
    const plan = await directory.planOf(period);
    if (planId === undefined || planId === plan.planId) return plan;
    const named = await directory.plan(planId);
    if (!named) throw planNotImported(planId);
    throw periodOutsidePlan(period, named);
  }

  async catalogueFacts(
    planId: string = this.planId,
  ): Promise<CatalogueFacts & { knownActivities: Set<string> }> {
    const state = await catalogueAsOf(this.options.store, planId);
    return {
      planId,
      version: state.version,
      objectives: (state.catalogue?.objectives ?? []).map((o) => ({ numeral: o.numeral, text: o.text })),
      liveActivities: liveActivities(state).map((a) => ({ id: a.id, objective: a.objective })),
      knownActivities: new Set((state.catalogue?.activities ?? []).map((a) => a.id)),
    };
  }

  async matrix(period: ReportingPeriod, countries: CountryCode[], planId?: string): Promise<MatrixView> {
    const plan = await this.planFor(period, planId);
    const [catalogue, cells] = await Promise.all([
      this.catalogueFacts(plan.planId),
      this.options.dataSource.query(
        `SELECT country, objective, status, activities FROM ${MATRIX_TABLE} WHERE period = $1 AND country = ANY($2::text[]) AND activities > 0`,
        [period, countries],
      ) as Promise<MatrixCell[]>,
    ]);
    return buildMatrix({ period, countries, cells, catalogue });
  }

  async timeliness(
    period: ReportingPeriod,
    countries: CountryCode[],
    planId?: string,
  ): Promise<TimelinessView> {
    const plan = await this.planFor(period, planId);
    const [catalogue, rows, window] = await Promise.all([
      this.catalogueFacts(plan.planId),
      this.rows('period = $1 AND country = ANY($2::text[])', [period, countries]),
      loadWindow(this.options.store, period),
    ]);
    return buildTimeliness({
      period,
      countries,
      rows,
      catalogue,
      window: window.effective,
      scheduled: window.scheduled,
      now: this.options.clock(),
    });
  }

  /** One activity of a plan across countries: for `period`, or every period of the plan that has a report. */
  async activity(
    activityId: string,
    period: ReportingPeriod | undefined,
    countries: CountryCode[],
    planId?: string,
  ): Promise<ActivitySummaryView> {
    const plan = await this.planFor(period, planId);
    const catalogue = await this.catalogueFacts(plan.planId);
    if (!catalogue.knownActivities.has(activityId)) throw unknownActivity(activityId, plan.planId);
    const planPeriodList = planPeriods(plan);
    const rows = await this.rows(
      'activity_id = $1 AND country = ANY($2::text[]) AND period = ANY($3::text[])',
      [activityId, countries, period ? [period] : planPeriodList],
    );
    const periods = period ? [period] : planPeriodList.filter((p) => rows.some((r) => r.period === p));
    return buildActivitySummary({
      planId: plan.planId,
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
