import { runMigrations, type MigrationTarget } from '@crm/config';
import { BUS_MIGRATIONS } from './migrations';

/** SQL identifiers we interpolate (schema names) must be plain lower-case identifiers. */
export function assertIdentifier(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`invalid SQL identifier: ${name}`);
  return name;
}

/**
 * The bus's durable tables, all in one schema (default `bus`), come from the migrations of
 * `libs/messaging-postgres/src/migrations` (see CreateBus1733184000000 for what each table holds), run under
 * the schema's advisory lock: concurrent starts are safe.
 */
export async function installBusSchema(target: MigrationTarget, schema: string): Promise<void> {
  await runMigrations(target, { schema: assertIdentifier(schema), migrations: BUS_MIGRATIONS });
}
