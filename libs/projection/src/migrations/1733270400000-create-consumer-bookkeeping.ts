import { migrationSchema } from '@crm/config';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Version 1 of the idempotent consumers' bookkeeping, in the consumer's own schema (the schema given to
 * runMigrations: `plan_read` for the plan's read models, `public` by default):
 * - `processed_events(consumer, event_id)`: one row per handled event; the primary key detects redelivery.
 * - `consumer_checkpoints(consumer, position)`: the last applied position; never moves backwards.
 * `IF NOT EXISTS` adopts a database whose tables were created before migrations (same definitions).
 */
export class CreateConsumerBookkeeping1733270400000 implements MigrationInterface {
  name = 'CreateConsumerBookkeeping1733270400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`CREATE TABLE IF NOT EXISTS ${s}.processed_events (
      consumer text NOT NULL,
      event_id text NOT NULL,
      processed_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (consumer, event_id))`);
    await queryRunner.query(`CREATE TABLE IF NOT EXISTS ${s}.consumer_checkpoints (
      consumer text PRIMARY KEY,
      position bigint NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now())`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`DROP TABLE ${s}.consumer_checkpoints`);
    await queryRunner.query(`DROP TABLE ${s}.processed_events`);
  }
}
