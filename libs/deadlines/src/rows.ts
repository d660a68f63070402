import type { DeadlineRecord, DeadlineStatus } from './deadline';

/** The columns every read selects, in the shape `toRecord` maps (`expected_revision` as text: a bigint). */
export const DEADLINE_COLUMNS = `key, stream, kind, due_at, payload, expected_revision::text AS expected_revision,
  status, attempts, last_error, retry_at, created_at, updated_at, fired_at, cancelled_at`;

/** A `deadlines` row as the pg driver returns it (timestamptz as Date, jsonb parsed). */
export interface DeadlineRow {
  key: string;
  stream: string;
  kind: string;
  due_at: Date;
  payload: unknown;
  expected_revision: string | null;
  status: DeadlineStatus;
  attempts: number;
  last_error: string | null;
  retry_at: Date | null;
  created_at: Date;
  updated_at: Date;
  fired_at: Date | null;
  cancelled_at: Date | null;
}

export function toRecord<P>(row: DeadlineRow): DeadlineRecord<P> {
  return {
    key: row.key,
    stream: row.stream,
    kind: row.kind,
    dueAt: row.due_at,
    payload: row.payload as P,
    expectedRevision: row.expected_revision === null ? null : Number(row.expected_revision),
    status: row.status,
    attempts: row.attempts,
    lastError: row.last_error,
    retryAt: row.retry_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    firedAt: row.fired_at,
    cancelledAt: row.cancelled_at,
  };
}
