import type { CountryCode, LocalizedText } from '@crm/kernel';
import type { ReportingPeriod, ReportingWindow } from '../windows/domain';
import { IMPLEMENTATION_STATUSES, type ImplementationStatus, type WorkflowState } from '../reports/domain';
import type { ReportRow } from './report-row';

/** What the views need of the catalogue (the live activity list and the objectives). */
export interface CatalogueFacts {
  planId: string;
  version: number;
  objectives: Array<{ numeral: string; text: LocalizedText }>;
  /** Activities not retired, in catalogue order. */
  liveActivities: Array<{ id: string; objective: string }>;
}

export type StatusCounts = Record<ImplementationStatus, number>;

function zeroCounts(): StatusCounts {
  return Object.fromEntries(IMPLEMENTATION_STATUSES.map((s) => [s, 0])) as StatusCounts;
}

export interface MatrixCell {
  country: CountryCode;
  objective: string;
  status: ImplementationStatus;
  activities: number;
}

export interface ObjectiveCell {
  /** Activities of the objective in the live catalogue. */
  activities: number;
  /** Activities with a submitted report, by the status of the latest submission. */
  byStatus: StatusCounts;
  reported: number;
}

export interface MatrixRow {
  country: CountryCode;
  objectives: Record<string, ObjectiveCell>;
  activities: number;
  reported: number;
  completed: number;
  notApplicable: number;
  /** completed / (activities - notApplicable) x 100, one decimal; null when nothing applies. */
  completionPct: number | null;
}

export interface MatrixView {
  /** The plan of the period (its catalogue gives the objectives and activities). */
  planId: string;
  period: ReportingPeriod;
  catalogueVersion: number;
  statuses: readonly ImplementationStatus[];
  objectives: CatalogueFacts['objectives'];
  countries: MatrixRow[];
}

function pct(part: number, whole: number): number | null {
  return whole <= 0 ? null : Math.round((part / whole) * 1000) / 10;
}

/** The country x objective matrix of one period from the projected cells (pure). */
export function buildMatrix(input: {
  period: ReportingPeriod;
  countries: CountryCode[];
  cells: MatrixCell[];
  catalogue: CatalogueFacts;
}): MatrixView {
  const perObjective = new Map<string, number>();
  for (const a of input.catalogue.liveActivities)
    perObjective.set(a.objective, (perObjective.get(a.objective) ?? 0) + 1);
  const total = input.catalogue.liveActivities.length;
  const countries = input.countries.map((country): MatrixRow => {
    const objectives: Record<string, ObjectiveCell> = {};
    for (const o of input.catalogue.objectives)
      objectives[o.numeral] = {
        activities: perObjective.get(o.numeral) ?? 0,
        byStatus: zeroCounts(),
        reported: 0,
      };
    let reported = 0;
    let completed = 0;
    let notApplicable = 0;
    for (const cell of input.cells) {
      if (cell.country !== country || cell.activities <= 0) continue;
      const o = (objectives[cell.objective] ??= {
        activities: perObjective.get(cell.objective) ?? 0,
        byStatus: zeroCounts(),
        reported: 0,
      });
      o.byStatus[cell.status] += cell.activities;
      o.reported += cell.activities;
      reported += cell.activities;
      if (cell.status === 'completed') completed += cell.activities;
      if (cell.status === 'not_applicable') notApplicable += cell.activities;
    }
    return {
      country,
      objectives,
      activities: total,
      reported,
      completed,
      notApplicable,
      completionPct: pct(completed, total - notApplicable),
    };
  });
  return {
    planId: input.catalogue.planId,
    period: input.period,
    catalogueVersion: input.catalogue.version,
    statuses: IMPLEMENTATION_STATUSES,
    objectives: input.catalogue.objectives,
    countries,
  };
}

export type Timeliness = 'onTime' | 'late' | 'missing' | 'pending';

export interface TimelinessRow {
  country: CountryCode;
  activities: number;
  onTime: number;
  late: number;
  /** No submission although the window has closed. */
  missing: number;
  /** No submission yet and the window has not closed. */
  pending: number;
  lateActivities: string[];
  missingActivities: string[];
}

export interface TimelinessView {
  planId: string;
  period: ReportingPeriod;
  window: ReportingWindow & { scheduled: boolean };
  /** The instant "missing" was judged at (the server's clock). */
  at: string;
  windowClosed: boolean;
  countries: TimelinessRow[];
}

/** Timeliness of one report at `now`: by its first submission's recorded late flag, else by the window's close. */
export function timelinessOf(row: ReportRow | undefined, window: ReportingWindow, now: Date): Timeliness {
  if (row?.firstSubmittedAt) return row.firstLate ? 'late' : 'onTime';
  return now.getTime() >= Date.parse(window.closesAt) ? 'missing' : 'pending';
}

/**
 * On time / late / missing per country for one period (pure), over the live catalogue's activities:
 * computed at query time from the report rows, the catalogue, the effective window and the clock.
 */
export function buildTimeliness(input: {
  period: ReportingPeriod;
  countries: CountryCode[];
  rows: ReportRow[];
  catalogue: CatalogueFacts;
  window: ReportingWindow;
  scheduled: boolean;
  now: Date;
}): TimelinessView {
  const byKey = new Map(input.rows.map((r) => [`${r.country}|${r.activityId}`, r]));
  const countries = input.countries.map((country): TimelinessRow => {
    const out: TimelinessRow = {
      country,
      activities: 0,
      onTime: 0,
      late: 0,
      missing: 0,
      pending: 0,
      lateActivities: [],
      missingActivities: [],
    };
    for (const a of input.catalogue.liveActivities) {
      const t = timelinessOf(byKey.get(`${country}|${a.id}`), input.window, input.now);
      out.activities += 1;
      out[t] += 1;
      if (t === 'late') out.lateActivities.push(a.id);
      if (t === 'missing') out.missingActivities.push(a.id);
    }
    return out;
  });
  return {
    planId: input.catalogue.planId,
    period: input.period,
    window: { ...input.window, scheduled: input.scheduled },
    at: input.now.toISOString(),
    windowClosed: input.now.getTime() >= Date.parse(input.window.closesAt),
    countries,
  };
}

export interface ActivityCountryStatus {
  country: CountryCode;
  workflow: WorkflowState;
  contentStatus: ImplementationStatus | null;
  reportedStatus: ImplementationStatus | null;
  approvedStatus: ImplementationStatus | null;
  firstSubmittedAt: string | null;
  late: boolean | null;
  changedAfterApproval: boolean;
  lastRecordedAt: string | null;
}

export interface ActivityPeriodSummary {
  period: ReportingPeriod;
  countries: ActivityCountryStatus[];
  /** Countries by the status of their latest submission. */
  byStatus: StatusCounts;
  /** Countries by workflow state ('none' = no report at all). */
  byWorkflow: Record<WorkflowState, number>;
}

export interface ActivitySummaryView {
  planId: string;
  activityId: string;
  objective: string;
  live: boolean;
  periods: ActivityPeriodSummary[];
}

/** For one activity: per period, the status per country (countries without a report show `none`) and counts (pure). */
export function buildActivitySummary(input: {
  planId: string;
  activityId: string;
  objective: string;
  live: boolean;
  periods: ReportingPeriod[];
  countries: CountryCode[];
  rows: ReportRow[];
}): ActivitySummaryView {
  const periods = input.periods.map((period): ActivityPeriodSummary => {
    const byStatus = zeroCounts();
    const byWorkflow: Record<WorkflowState, number> = {
      none: 0,
      draft: 0,
      submitted: 0,
      approved: 0,
      returned: 0,
    };
    const countries = input.countries.map((country): ActivityCountryStatus => {
      const r = input.rows.find((x) => x.period === period && x.country === country);
      byWorkflow[r?.workflow ?? 'none'] += 1;
      if (r?.reportedStatus) byStatus[r.reportedStatus] += 1;
      return {
        country,
        workflow: r?.workflow ?? 'none',
        contentStatus: r?.contentStatus ?? null,
        reportedStatus: r?.reportedStatus ?? null,
        approvedStatus: r?.approvedStatus ?? null,
        firstSubmittedAt: r?.firstSubmittedAt ?? null,
        late: r?.firstLate ?? null,
        changedAfterApproval: r?.changedAfterApproval ?? false,
        lastRecordedAt: r?.lastRecordedAt ?? null,
      };
    });
    return { period, countries, byStatus, byWorkflow };
  });
  return {
    planId: input.planId,
    activityId: input.activityId,
    objective: input.objective,
    live: input.live,
    periods,
  };
}
