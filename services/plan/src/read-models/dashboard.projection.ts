import type { Projection } from '@crm/projection';
import type { EntityManager } from 'typeorm';
import { REPORT_STREAM_CATEGORY } from '../domain/reports';
import { applyToRow, type ReportRow, type RowEvent } from './report-row';

/** The schema of the plan service's read models (a data source from `platform.dataSource(READ_SCHEMA)`). */
export const READ_SCHEMA = 'plan_read';
export const REPORT_STATUS_TABLE = `${READ_SCHEMA}.report_status`;
export const MATRIX_TABLE = `${READ_SCHEMA}.matrix_cells`;
export const DASHBOARD_PROJECTION = 'plan.dashboard';

const COLUMNS = [
  'stream_name',
  'country',
  'activity_id',
  'objective',
  'period',
  'workflow',
  'content_status',
  'reported_status',
  'approved_status',
  'approved_versions',
  'first_submitted_at',
  'first_late',
  'last_submitted_at',
  'last_late',
  'changed_after_approval',
  'revision',
  'last_recorded_at',
] as const;

export interface ReportStatusRecord {
  stream_name: string;
  country: string;
  activity_id: string;
  objective: string;
  period: string;
  workflow: string;
  content_status: string | null;
  reported_status: string | null;
  approved_status: string | null;
  approved_versions: number;
  first_submitted_at: Date | null;
  first_late: boolean | null;
  last_submitted_at: Date | null;
  last_late: boolean | null;
  changed_after_approval: boolean;
  revision: number;
  last_recorded_at: Date;
}

const iso = (d: Date | null): string | null => (d === null ? null : new Date(d).toISOString());

export function rowFromRecord(r: ReportStatusRecord): ReportRow {
  return {
    streamName: r.stream_name,
    country: r.country as ReportRow['country'],
    activityId: r.activity_id,
    objective: r.objective,
    period: r.period as ReportRow['period'],
    workflow: r.workflow as ReportRow['workflow'],
    contentStatus: r.content_status as ReportRow['contentStatus'],
    reportedStatus: r.reported_status as ReportRow['reportedStatus'],
    approvedStatus: r.approved_status as ReportRow['approvedStatus'],
    approvedVersions: r.approved_versions,
    firstSubmittedAt: iso(r.first_submitted_at),
    firstLate: r.first_late,
    lastSubmittedAt: iso(r.last_submitted_at),
    lastLate: r.last_late,
    changedAfterApproval: r.changed_after_approval,
    revision: r.revision,
    lastRecordedAt: iso(r.last_recorded_at) ?? '',
  };
}

function recordValues(row: ReportRow): unknown[] {
  return [
    row.streamName,
    row.country,
    row.activityId,
    row.objective,
    row.period,
    row.workflow,
    row.contentStatus,
    row.reportedStatus,
    row.approvedStatus,
    row.approvedVersions,
    row.firstSubmittedAt,
    row.firstLate,
    row.lastSubmittedAt,
    row.lastLate,
    row.changedAfterApproval,
    row.revision,
    row.lastRecordedAt,
  ];
}

const UPSERT = `INSERT INTO ${REPORT_STATUS_TABLE} (${COLUMNS.join(', ')})
  VALUES (${COLUMNS.map((_, i) => `$${i + 1}`).join(', ')})
  ON CONFLICT (stream_name) DO UPDATE SET ${COLUMNS.slice(1)
    .map((c) => `${c} = EXCLUDED.${c}`)
    .join(', ')}`;

export const SELECT_REPORT_COLUMNS = COLUMNS.join(', ');

export async function createDashboardTables(manager: Pick<EntityManager, 'query'>): Promise<void> {
  await manager.query(`CREATE SCHEMA IF NOT EXISTS ${READ_SCHEMA}`);
  await manager.query(`CREATE TABLE IF NOT EXISTS ${REPORT_STATUS_TABLE} (
    stream_name text PRIMARY KEY,
    country char(2) NOT NULL,
    activity_id text NOT NULL,
    objective text NOT NULL,
    period char(7) NOT NULL,
    workflow text NOT NULL,
    content_status text,
    reported_status text,
    approved_status text,
    approved_versions int NOT NULL,
    first_submitted_at timestamptz,
    first_late boolean,
    last_submitted_at timestamptz,
    last_late boolean,
    changed_after_approval boolean NOT NULL,
    revision int NOT NULL,
    last_recorded_at timestamptz NOT NULL)`);
  await manager.query(`CREATE INDEX IF NOT EXISTS report_status_period_country ON ${REPORT_STATUS_TABLE} (period, country)`);
  await manager.query(`CREATE INDEX IF NOT EXISTS report_status_activity_period ON ${REPORT_STATUS_TABLE} (activity_id, period)`);
  await manager.query(`CREATE TABLE IF NOT EXISTS ${MATRIX_TABLE} (
    period char(7) NOT NULL,
    country char(2) NOT NULL,
    objective text NOT NULL,
    status text NOT NULL,
    activities int NOT NULL,
    PRIMARY KEY (period, country, objective, status))`);
}

/**
 * The plan dashboard projection: ONE projection maintains both tables, so the matrix counts move in the
 * same transaction as the report row they come from (and with the checkpoint, via handleOnce):
 * - `report_status`: one row per report (the per-activity regional summary and the timeliness source);
 * - `matrix_cells`: per (period, country, objective, reported status) the number of activities.
 */
export const dashboardProjection: Projection = {
  name: DASHBOARD_PROJECTION,
  filter: { categories: [REPORT_STREAM_CATEGORY] },
  tables: [REPORT_STATUS_TABLE, MATRIX_TABLE],
  setup: (manager) => createDashboardTables(manager),
  async handle(event, manager) {
    const found: ReportStatusRecord[] = await manager.query(
      `SELECT ${SELECT_REPORT_COLUMNS} FROM ${REPORT_STATUS_TABLE} WHERE stream_name = $1 FOR UPDATE`,
      [event.streamName],
    );
    const before = found[0] ? rowFromRecord(found[0]) : null;
    const after = applyToRow(before, event as RowEvent);
    if (!after || after === before) return;
    await manager.query(UPSERT, recordValues(after));
    const from = before?.reportedStatus ?? null;
    const to = after.reportedStatus;
    if (from === to) return;
    const deltas: Array<[string, number]> = [];
    if (from) deltas.push([from, -1]);
    if (to) deltas.push([to, 1]);
    await manager.query(
      `INSERT INTO ${MATRIX_TABLE} (period, country, objective, status, activities)
       SELECT $1, $2, $3, d.status, d.delta FROM unnest($4::text[], $5::int[]) AS d(status, delta)
       ON CONFLICT (period, country, objective, status) DO UPDATE SET activities = ${MATRIX_TABLE}.activities + EXCLUDED.activities`,
      [after.period, after.country, after.objective, deltas.map((d) => d[0]), deltas.map((d) => d[1])],
    );
  },
};
