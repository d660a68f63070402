import type { ClientBase } from 'pg';

/** SQL identifiers we interpolate (schema names) must be plain lower-case identifiers. */
export function assertIdentifier(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`invalid SQL identifier: ${name}`);
  return name;
}

/**
 * The bus's durable tables, all in one schema (default `bus`).
 *
 * - `topics`: partition count per topic (fixed once created).
 * - `messages`: every published message. `id` is a global bigserial; `transaction_id` is the publishing
 *   transaction's xid8. Readers order by (transaction_id, id) and only read rows whose transaction is older
 *   than the oldest running one (`pg_snapshot_xmin`), so a message committed late is never skipped.
 * - `consumer_offsets`: per (group, topic, partition) the (transaction_id, id) of the last handled message.
 * - `consumer_members`: live members of a consumer group, identified by their lock connection's backend.
 * - `relay_checkpoints`: the store→bus relays' checkpoints (event-store positions), never moving backwards.
 */
export function busSchemaSql(schema: string): string {
  const s = assertIdentifier(schema);
  return `
CREATE SCHEMA IF NOT EXISTS ${s};
CREATE TABLE IF NOT EXISTS ${s}.topics (
  topic text PRIMARY KEY,
  partitions integer NOT NULL CHECK (partitions > 0),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS ${s}.messages (
  id bigserial PRIMARY KEY,
  topic text NOT NULL,
  partition integer NOT NULL,
  key text,
  value bytea NOT NULL,
  headers jsonb NOT NULL DEFAULT '{}'::jsonb,
  published_at timestamptz NOT NULL DEFAULT now(),
  transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id()
);
CREATE INDEX IF NOT EXISTS messages_read_idx ON ${s}.messages (topic, partition, transaction_id, id);
CREATE TABLE IF NOT EXISTS ${s}.consumer_offsets (
  group_id text NOT NULL,
  topic text NOT NULL,
  partition integer NOT NULL,
  offset_transaction_id xid8 NOT NULL,
  offset_id bigint NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (group_id, topic, partition)
);
CREATE TABLE IF NOT EXISTS ${s}.consumer_members (
  group_id text NOT NULL,
  member_id text NOT NULL,
  backend_pid integer NOT NULL,
  backend_start timestamptz NOT NULL,
  joined_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (group_id, member_id)
);
CREATE TABLE IF NOT EXISTS ${s}.relay_checkpoints (
  name text PRIMARY KEY,
  position bigint NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
`;
}

/** Serialises concurrent schema creation (CREATE ... IF NOT EXISTS is not race-free). */
export const SCHEMA_LOCK_KEY = 7_302_194_551;

/** Creates the bus tables if missing, in one transaction serialised by SCHEMA_LOCK_KEY (concurrent starts are safe). */
export async function installBusSchema(client: ClientBase, schema: string): Promise<void> {
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK_KEY]);
    await client.query(busSchemaSql(schema));
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}
