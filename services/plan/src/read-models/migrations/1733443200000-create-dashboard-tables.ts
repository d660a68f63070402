import { migrationSchema } from '@crm/config';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Version 1 of the plan's read models (schema `plan_read`): the tables of the entities `ReportStatusEntity` and
 * `MatrixCellEntity` (entities.ts). Run by the dashboard projection's runner at start, after the consumer bookkeeping.
 * `IF NOT EXISTS` adopts a database whose tables were created before migrations (same definitions).
 */
export class CreateDashboardTables1733443200000 implements MigrationInterface {
  name = 'CreateDashboardTables1733443200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`CREATE TABLE IF NOT EXISTS ${s}.report_status (
      stream_name text PRIMARY KEY,
      country char(2) NOT NULL,
      activity_id text NOT NULL,
      objective text NOT NULL,
      period char(7) NOT NULL,
      workflow text NOT NULL,
      content_status text,
      reported_status text,
      approved_status text,
      approved_versions int NOT NULL,
      first_submitted_at timestamptz,
      first_late boolean,
      last_submitted_at timestamptz,
      last_late boolean,
      changed_after_approval boolean NOT NULL,
      revision int NOT NULL,
      last_recorded_at timestamptz NOT NULL)`);
    await queryRunner.query(
      `CREATE INDEX IF NOT EXISTS report_status_period_country ON ${s}.report_status (period, country)`,
    );
    await queryRunner.query(
      `CREATE INDEX IF NOT EXISTS report_status_activity_period ON ${s}.report_status (activity_id, period)`,
    );
    await queryRunner.query(`CREATE TABLE IF NOT EXISTS ${s}.matrix_cells (
      period char(7) NOT NULL,
      country char(2) NOT NULL,
      objective text NOT NULL,
      status text NOT NULL,
      activities int NOT NULL,
      PRIMARY KEY (period, country, objective, status))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`DROP TABLE ${s}.matrix_cells`);
    await queryRunner.query(`DROP TABLE ${s}.report_status`);
  }
}
