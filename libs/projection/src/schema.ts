import type { DataSource } from 'typeorm';

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;
const QUALIFIED = /^[a-z_][a-z0-9_]{0,62}(\.[a-z_][a-z0-9_]{0,62})?$/;

export function assertIdentifier(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`invalid SQL identifier: ${name}`);
  return name;
}

/** A table name, optionally schema-qualified (`read.plan_progress`). */
export function assertTableName(name: string): string {
  if (!QUALIFIED.test(name)) throw new Error(`invalid table name: ${name}`);
  return name;
}

/** Serialises concurrent creation of the bookkeeping tables (CREATE ... IF NOT EXISTS is not race-free). */
const SCHEMA_LOCK_KEY = 7_302_194_552;

/**
 * The idempotent consumers' bookkeeping, in the read model's own database and schema (default `public`):
 * - `processed_events(consumer, event_id)`: one row per handled event; the primary key detects redelivery.
 * - `consumer_checkpoints(consumer, position)`: the last applied position; never moves backwards.
 */
export async function ensureProjectionTables(dataSource: DataSource, schema = 'public'): Promise<void> {
  const s = assertIdentifier(schema);
  await dataSource.transaction(async (manager) => {
    await manager.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK_KEY]);
    await manager.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
    await manager.query(`CREATE TABLE IF NOT EXISTS ${s}.processed_events (
      consumer text NOT NULL,
      event_id text NOT NULL,
      processed_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (consumer, event_id))`);
    await manager.query(`CREATE TABLE IF NOT EXISTS ${s}.consumer_checkpoints (
      consumer text PRIMARY KEY,
      position bigint NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now())`);
  });
}
