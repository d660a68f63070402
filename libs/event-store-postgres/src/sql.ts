import type { AllFilter, EventMetadata, Position, RecordedEvent, StreamName } from '@crm/event-store';
import { categoryOf } from '@crm/event-store';
import { POSITION_SHIFT } from './position';

/** Anything that runs a parameterised query: a pg Pool, a pg Client (e.g. inside BEGIN ... COMMIT). */
export interface Queryable {
  query<R extends Record<string, any> = any>(config: {
    name?: string;
    text: string;
    values?: unknown[];
  }): Promise<{ rows: R[]; rowCount: number | null }>;
}

export interface SealedEvent {
  revision: number;
  data: unknown;
  metadata: EventMetadata;
}

/** The first position no reader may reach yet: every transaction below it has finished (Emmett's barrier). */
export const BARRIER = `(pg_snapshot_xmin(pg_current_snapshot())::text::bigint << ${POSITION_SHIFT})`;

/**
 * Writes a sealed batch in ONE statement: the stream row moves from `previousRevision` (-1 = new stream)
 * to the batch's last revision and the events are inserted, or nothing happens (0 rows) when the stream
 * is not at `previousRevision` any more. A duplicate event id in the stream raises 23505 (unique violation).
 * Returns the positions of the inserted events, in order.
 */
export async function writeBatch(
  db: Queryable,
  schema: string,
  stream: StreamName,
  sealed: SealedEvent[],
  previousRevision: number,
  recordedAt: Date,
): Promise<Position[]> {
  const last = sealed[sealed.length - 1];
  const r = await db.query<{ pos: string }>({
    // a prepared statement: parsed and planned once per connection
    name: `${schema}.append`,
    text: `WITH s AS (
       INSERT INTO "${schema}".streams AS st (stream_name, revision, last_hash) VALUES ($1, $2, $3)
       ON CONFLICT (stream_name) DO UPDATE SET revision = EXCLUDED.revision, last_hash = EXCLUDED.last_hash
       WHERE st.revision = $4
       RETURNING 1
     )
     INSERT INTO "${schema}".events
       (position, stream_name, category, revision, event_id, type, schema_version, data, metadata, countries, recorded_at)
     SELECT (pg_current_xact_id()::text::bigint << ${POSITION_SHIFT}) + u.ord - 1, $1, $5, $6 + u.ord - 1,
            u.event_id, u.type, u.schema_version, u.data::jsonb, u.metadata::jsonb, u.countries::text[], $7
       FROM unnest($8::uuid[], $9::text[], $10::int[], $11::text[], $12::text[], $13::text[])
            WITH ORDINALITY AS u(event_id, type, schema_version, data, metadata, countries, ord)
      WHERE EXISTS (SELECT 1 FROM s)
     RETURNING position::text AS pos`,
    values: [
      stream,
      last.revision,
      last.metadata.hash,
      previousRevision,
      categoryOf(stream),
      sealed[0].revision,
      recordedAt,
      sealed.map((e) => e.metadata.eventId),
      sealed.map((e) => e.metadata.type),
      sealed.map((e) => e.metadata.schemaVersion),
      sealed.map((e) => JSON.stringify(e.data)),
      sealed.map((e) => JSON.stringify(e.metadata)),
      sealed.map((e) => `{${e.metadata.countries.join(',')}}`),
    ],
  });
  return r.rows.map((row) => BigInt(row.pos)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Columns read back; position as text under another name, so that ORDER BY position keeps the bigint column. */
export const EVENT_COLUMNS =
  'position::text AS pos, stream_name, revision::int4 AS rev, type, data, metadata';

export interface EventRow {
  pos: string;
  stream_name: string;
  rev: number;
  type: string;
  data: unknown;
  metadata: EventMetadata;
}

export function toRecorded(row: EventRow): RecordedEvent {
  return {
    streamName: row.stream_name,
    revision: row.rev,
    position: BigInt(row.pos),
    type: row.type,
    data: row.data,
    metadata: row.metadata,
  };
}

/** SQL conditions and parameters for an AllFilter (parameters numbered from `firstParam`). Inputs are validated before. */
export function filterSql(
  filter: AllFilter | undefined,
  firstParam: number,
): { where: string[]; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  const p = (v: unknown) => {
    params.push(v);
    return `$${firstParam + params.length - 1}`;
  };
  if (!filter) return { where, params };
  if (filter.categories) where.push(`category = ANY(${p(filter.categories)}::text[])`);
  if (filter.streamPrefixes) {
    where.push(
      `EXISTS (SELECT 1 FROM unnest(${p(filter.streamPrefixes)}::text[]) AS x(prefix) WHERE starts_with(stream_name, x.prefix))`,
    );
  }
  if (filter.eventTypes) where.push(`type = ANY(${p(filter.eventTypes)}::text[])`);
  // a literal (validated country code), so that the planner picks that country's partial index
  if (filter.country && !/^[A-Z]{2}$/.test(filter.country)) throw new Error('invalid country filter');
  if (filter.country) where.push(`countries @> ARRAY['${filter.country}']::text[]`);
  if (filter.recordedUpTo) where.push(`recorded_at <= ${p(filter.recordedUpTo)}`);
  return { where, params };
}
