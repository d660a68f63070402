import { runMigrations, type MigrationTarget } from '@crm/config';
import { assertIdentifier } from '@crm/projection';
import { DEADLINE_MIGRATIONS } from './migrations';

/** The schema-qualified, quoted name of the deadlines table of `schema` (`"referrals_read".deadlines`). */
export function deadlinesTable(schema: string): string {
  return `"${assertIdentifier(schema)}".deadlines`;
}

/**
 * Creates or upgrades the deadlines table of `schema` with the platform's one migration runner
 * (`runMigrations` of @crm/config: the schema's advisory lock, `<schema>.migrations`). Idempotent; the runner's
 * `start()` calls it, and a projection may list DEADLINE_MIGRATIONS in its own `migrations` instead.
 */
export async function migrateDeadlines(target: MigrationTarget, schema: string): Promise<string[]> {
  return runMigrations(target, { schema: assertIdentifier(schema), migrations: DEADLINE_MIGRATIONS });
}
