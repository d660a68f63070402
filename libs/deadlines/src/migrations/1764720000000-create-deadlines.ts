import { migrationSchema } from '@crm/config';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Version 1 of the durable timers, in the owner's schema (the schema given to runMigrations, e.g. the one of
 * the projection that schedules them): `deadlines`, one row per caller-chosen key.
 * - `status`: `pending` until the runner fires it (`fired`) or its owner cancels it (`cancelled`); a closed
 *   row is never reopened (a new deadline needs a new key).
 * - `retry_at`: after a failed `fire`, the earliest instant of the next attempt (back-off); `due_at` keeps the
 *   instant the deadline was due.
 * - `(status, due_at)`: the runner's claim and the backlog; `(stream, status)`: cancel and reconcile by stream.
 */
export class CreateDeadlines1764720000000 implements MigrationInterface {
  name = 'CreateDeadlines1764720000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`CREATE TABLE ${s}.deadlines (
      key text PRIMARY KEY,
      stream text NOT NULL,
      kind text NOT NULL,
      due_at timestamptz NOT NULL,
      payload jsonb NOT NULL,
      expected_revision bigint NULL,
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'fired', 'cancelled')),
      attempts int NOT NULL DEFAULT 0,
      last_error text NULL,
      retry_at timestamptz NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      fired_at timestamptz NULL,
      cancelled_at timestamptz NULL)`);
    await queryRunner.query(`CREATE INDEX deadlines_status_due_at ON ${s}.deadlines (status, due_at)`);
    await queryRunner.query(`CREATE INDEX deadlines_stream_status ON ${s}.deadlines (stream, status)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`DROP TABLE ${s}.deadlines`);
  }
}
