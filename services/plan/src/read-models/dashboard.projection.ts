import type { Projection } from '@crm/projection';
import type { EntityManager } from 'typeorm';
import { REPORT_STREAM_CATEGORY } from '../reports/domain';
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

const COLUMN_TYPES = [
  'text',
  'text',
  'text',
  'text',
  'text',
  'text',
  'text',
  'text',
  'text',
  'int',
  'timestamptz',
  'boolean',
  'timestamptz',
  'boolean',
  'boolean',
  'int',
  'timestamptz',
];

/** Upserts many rows in one statement: one array parameter per column. */
const UPSERT = `INSERT INTO ${REPORT_STATUS_TABLE} (${COLUMNS.join(', ')})
  SELECT * FROM unnest(${COLUMNS.map((_, i) => `$${i + 1}::${COLUMN_TYPES[i]}[]`).join(', ')})
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
  await manager.query(
    `CREATE INDEX IF NOT EXISTS report_status_period_country ON ${REPORT_STATUS_TABLE} (period, country)`,
  );
  await manager.query(
    `CREATE INDEX IF NOT EXISTS report_status_activity_period ON ${REPORT_STATUS_TABLE} (activity_id, period)`,
  );
  await manager.query(`CREATE TABLE IF NOT EXISTS ${MATRIX_TABLE} (
    period char(7) NOT NULL,
    country char(2) NOT NULL,
    objective text NOT NULL,
    status text NOT NULL,
    activities int NOT NULL,
    PRIMARY KEY (period, country, objective, status))`);
}

/**
 * Applies events (in global order) to both tables inside the caller's transaction, in four statements
 * whatever the number of events: lock and read the rows of the streams concerned, fold in memory with the
 * pure `applyToRow`, upsert the changed rows, add the net matrix deltas.
 */
export async function applyReportEvents(
  events: RowEvent[],
  manager: Pick<EntityManager, 'query'>,
): Promise<void> {
  if (events.length === 0) return;
  const names = [...new Set(events.map((e) => e.streamName))].sort();
  const found: ReportStatusRecord[] = await manager.query(
    `SELECT ${SELECT_REPORT_COLUMNS} FROM ${REPORT_STATUS_TABLE} WHERE stream_name = ANY($1::text[]) ORDER BY stream_name FOR UPDATE`,
    [names],
  );
  const before = new Map(found.map((r) => [r.stream_name, rowFromRecord(r)]));
  const after = new Map(before);
  for (const e of events) {
    const current = after.get(e.streamName) ?? null;
    const next = applyToRow(current, e);
    if (next && next !== current) after.set(e.streamName, next);
  }
  const changed = [...after.values()].filter((r) => r !== before.get(r.streamName));
  if (changed.length === 0) return;
  const values = changed.map(recordValues);
  await manager.query(
    UPSERT,
    COLUMNS.map((_, i) => values.map((v) => v[i])),
  );
  const deltas = new Map<string, number>();
  const add = (r: ReportRow, status: string | null, d: number) => {
    if (!status) return;
    const key = [r.period, r.country, r.objective, status].join('|');
    deltas.set(key, (deltas.get(key) ?? 0) + d);
  };
  for (const row of changed) {
    const old = before.get(row.streamName);
    if (old?.reportedStatus === row.reportedStatus) continue;
    if (old) add(old, old.reportedStatus, -1);
    add(row, row.reportedStatus, 1);
  }
  const cells = [...deltas.entries()]
    .filter(([, d]) => d !== 0)
    .map(([k, d]) => [...k.split('|'), d] as [string, string, string, string, number]);
  if (cells.length === 0) return;
  await manager.query(
    `INSERT INTO ${MATRIX_TABLE} (period, country, objective, status, activities)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[])
     ON CONFLICT (period, country, objective, status) DO UPDATE SET activities = ${MATRIX_TABLE}.activities + EXCLUDED.activities`,
    [0, 1, 2, 3, 4].map((i) => cells.map((c) => c[i])),
  );
  // a cell back at zero is removed, so that the table is the same however events were batched
  const lowered = cells.filter((c) => c[4] < 0);
  if (lowered.length > 0) {
    await manager.query(
      `DELETE FROM ${MATRIX_TABLE} WHERE activities = 0 AND (period, country, objective, status) IN
         (SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]))`,
      [0, 1, 2, 3].map((i) => lowered.map((c) => c[i])),
    );
  }
}

/**
 * The plan dashboard projection: ONE projection maintains both tables, so the matrix counts move in the
 * same transaction as the report rows they come from (and with the checkpoint, via handleOnce):
 * - `report_status`: one row per report (the per-activity regional summary and the timeliness source);
 * - `matrix_cells`: per (period, country, objective, reported status) the number of activities.
 */
export const dashboardProjection: Projection = {
  name: DASHBOARD_PROJECTION,
  filter: { categories: [REPORT_STREAM_CATEGORY] },
  tables: [REPORT_STATUS_TABLE, MATRIX_TABLE],
  setup: (manager) => createDashboardTables(manager),
  handle: (event, manager) => applyReportEvents([event], manager),
};
