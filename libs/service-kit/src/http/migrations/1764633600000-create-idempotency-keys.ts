import type { MigrationInterface, QueryRunner } from 'typeorm';
import { runMigrations } from '@crm/config';

/** Schema of the service kit's own tables (shared by every service of one database; rows name their service). */
export const SERVICE_KIT_SCHEMA = 'service_kit';

/**
 * Version 1 of the service kit's schema: the request fingerprint of every Idempotency-Key a caller used on a
 * route (`docs/operations.md`). The same key with another body is refused (422) instead of being replayed.
 */
export class CreateIdempotencyKeys1764633600000 implements MigrationInterface {
  name = 'CreateIdempotencyKeys1764633600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "${SERVICE_KIT_SCHEMA}".idempotency_keys (
        service text NOT NULL,
        subject text NOT NULL,
        method text NOT NULL,
        route text NOT NULL,
        key text NOT NULL,
        fingerprint char(64) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (service, subject, method, route, key)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "${SERVICE_KIT_SCHEMA}".idempotency_keys`);
  }
}

export const SERVICE_KIT_MIGRATIONS = [CreateIdempotencyKeys1764633600000];

/**
 * Runs the service kit's migrations with the platform's one migration runner (`runMigrations` of
 * `@crm/config`: the schema's advisory lock, `service_kit.migrations`), so services starting together migrate
 * once. Idempotent.
 */
export async function migrateServiceKitSchema(url: string): Promise<void> {
  await runMigrations(url, { schema: SERVICE_KIT_SCHEMA, migrations: SERVICE_KIT_MIGRATIONS });
}
