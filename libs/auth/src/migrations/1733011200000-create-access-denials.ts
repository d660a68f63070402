import { migrationSchema } from '@crm/config';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Version 1 of the audit schema (`audit`): every 403, written by PostgresAuditSink before answering.
 * `IF NOT EXISTS` adopts a database whose table was created before migrations (same definition).
 */
export class CreateAccessDenials1733011200000 implements MigrationInterface {
  name = 'CreateAccessDenials1733011200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`CREATE TABLE IF NOT EXISTS ${s}.access_denials (
      id bigserial PRIMARY KEY,
      at timestamptz NOT NULL,
      subject text,
      country text,
      organisation text,
      institution text,
      roles text[] NOT NULL DEFAULT '{}',
      operation text NOT NULL,
      resource jsonb NOT NULL,
      outcome text NOT NULL CHECK (outcome IN ('denied', 'allowed')),
      reason text NOT NULL
    )`);
    await queryRunner.query(`CREATE INDEX IF NOT EXISTS access_denials_at ON ${s}.access_denials (at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE ${migrationSchema(queryRunner)}.access_denials`);
  }
}
