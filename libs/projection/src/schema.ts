import { runMigrations, type MigrationClass } from '@crm/config';
import type { DataSource } from 'typeorm';
import { PROJECTION_MIGRATIONS } from './migrations';

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

/**
 * Runs the idempotent consumers' bookkeeping migrations (`processed_events`, `consumer_checkpoints`; see
 * `libs/projection/src/migrations`) in the consumer's schema (default `public`), followed by `migrations` of
 * the consumer's own tables (a projection's read model), through runMigrations: under the schema's advisory
 * lock, recorded in `<schema>.migrations`.
 */
export async function ensureProjectionTables(
  dataSource: DataSource,
  schema = 'public',
  migrations: readonly MigrationClass[] = [],
): Promise<void> {
  await runMigrations(dataSource, {
    schema: assertIdentifier(schema),
    migrations: [...PROJECTION_MIGRATIONS, ...migrations],
  });
}
