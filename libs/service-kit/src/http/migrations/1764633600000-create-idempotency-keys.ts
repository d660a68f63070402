import { Client } from 'pg';
import { DataSource, type MigrationInterface, type QueryRunner } from 'typeorm';

/** Schema of the service kit's own tables (shared by every service of one database; rows name their service). */
export const SERVICE_KIT_SCHEMA = 'service_kit';

/** pg_advisory_lock key: one migrator of the service kit's schema at a time. */
const MIGRATION_LOCK = 7_245_190_311;

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
 * Runs the service kit's migrations (TypeORM `runMigrations`, table `service_kit.migrations`) under a
 * PostgreSQL advisory lock, so services starting together migrate once. Idempotent.
 */
export async function migrateServiceKitSchema(url: string): Promise<void> {
  const lock = new Client({ connectionString: url });
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await lock.query(`CREATE SCHEMA IF NOT EXISTS "${SERVICE_KIT_SCHEMA}"`);
    const dataSource = new DataSource({
      type: 'postgres',
      url,
      schema: SERVICE_KIT_SCHEMA,
      poolSize: 1,
      migrations: SERVICE_KIT_MIGRATIONS,
      migrationsTableName: 'migrations',
      migrationsTransactionMode: 'each',
      logging: false,
    });
    await dataSource.initialize();
    try {
      await dataSource.runMigrations();
    } finally {
      await dataSource.destroy();
    }
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await lock.end();
  }
}
