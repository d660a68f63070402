import type { Projection } from '@crm/projection';
import type { EntityManager } from 'typeorm';
import { REPORT_STREAM_CATEGORY } from '../reports/domain';
import { entityColumns, READ_SCHEMA, ReportStatusEntity } from './entities';
import { PLAN_READ_MODEL_MIGRATIONS } from './migrations';
import { applyToRow, type ReportRow, type RowEvent } from './report-row';

export { READ_SCHEMA } from './entities';
export const REPORT_STATUS_TABLE = `${READ_SCHEMA}.report_status`;
export const MATRIX_TABLE = `${READ_SCHEMA}.matrix_cells`;
export const DASHBOARD_PROJECTION = 'plan.dashboard';

/** A `report_status` row as SQL returns it: the entity's columns. */
export type ReportStatusRecord = ReportStatusEntity;

const COLUMNS = entityColumns(ReportStatusEntity);

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

/** A row's column values (dates as ISO strings, cast by the upsert). */
function recordValues(row: ReportRow): Record<keyof ReportStatusRecord, unknown> {
  return {
    stream_name: row.streamName,
    country: row.country,
    activity_id: row.activityId,
    objective: row.objective,
    period: row.period,
    workflow: row.workflow,
    content_status: row.contentStatus,
    reported_status: row.reportedStatus,
    approved_status: row.approvedStatus,
    approved_versions: row.approvedVersions,
    first_submitted_at: row.firstSubmittedAt,
    first_late: row.firstLate,
    last_submitted_at: row.lastSubmittedAt,
    last_late: row.lastLate,
    changed_after_approval: row.changedAfterApproval,
    revision: row.revision,
    last_recorded_at: row.lastRecordedAt,
  };
}

/** Upserts many rows in one statement: one array parameter per column. */
const UPSERT = `INSERT INTO ${REPORT_STATUS_TABLE} (${COLUMNS.map((c) => c.name).join(', ')})
  SELECT * FROM unnest(${COLUMNS.map((c, i) => `$${i + 1}::${c.arrayType}[]`).join(', ')})
  ON CONFLICT (stream_name) DO UPDATE SET ${COLUMNS.slice(1)
    .map((c) => `${c.name} = EXCLUDED.${c.name}`)
    .join(', ')}`;

export const SELECT_REPORT_COLUMNS = COLUMNS.map((c) => c.name).join(', ');

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
    COLUMNS.map((c) => values.map((v) => v[c.name as keyof ReportStatusRecord])),
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
 * The plan dashboard projection: ONE projection maintains both tables (entities `ReportStatusEntity` and
 * `MatrixCellEntity`, created by `PLAN_READ_MODEL_MIGRATIONS` when the runner starts), so the matrix counts move in
 * the same transaction as the report rows they come from (and with the checkpoint, via handleOnce):
 * - `report_status`: one row per report (the per-activity regional summary and the timeliness source);
 * - `matrix_cells`: per (period, country, objective, reported status) the number of activities.
 */
export const dashboardProjection: Projection = {
  name: DASHBOARD_PROJECTION,
  filter: { categories: [REPORT_STREAM_CATEGORY] },
  tables: [REPORT_STATUS_TABLE, MATRIX_TABLE],
  migrations: PLAN_READ_MODEL_MIGRATIONS,
  handle: (event, manager) => applyReportEvents([event], manager),
};
