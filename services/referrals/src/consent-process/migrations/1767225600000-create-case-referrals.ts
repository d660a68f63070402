import { migrationSchema } from '@crm/config';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Version 1 of the consent process's table (schema `referrals_read`): `case_referrals`, the entity
 * `CaseReferralEntity`. Run by the consent process's projection runner at start, after the consumer bookkeeping.
 */
export class CreateCaseReferrals1767225600000 implements MigrationInterface {
  name = 'CreateCaseReferrals1767225600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`CREATE TABLE IF NOT EXISTS ${s}.case_referrals (
      referral_id text NOT NULL,
      case_id text NOT NULL,
      drafted_at timestamptz NOT NULL,
      CONSTRAINT case_referrals_pkey PRIMARY KEY (referral_id))`);
    await queryRunner.query(
      `CREATE INDEX IF NOT EXISTS case_referrals_case_id ON ${s}.case_referrals (case_id)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`DROP TABLE ${s}.case_referrals`);
  }
}
