import { migrationSchema } from '@crm/config';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The referral pipeline's read models (schema `referrals_read`): the tables of `ReferralPipelineEntity` and
 * `ReferralPipelineCaseEntity` (../entities.ts). Run by the pipeline projection's runner at start and before a
 * rebuild, after the consumer bookkeeping. Other read models of the schema keep their tables in their own
 * migrations.
 */
export class CreateReferralPipelineTables1765000000000 implements MigrationInterface {
  name = 'CreateReferralPipelineTables1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`CREATE TABLE ${s}.referral_pipeline (
      referral_id text NOT NULL,
      case_id text NOT NULL,
      from_country char(2) NOT NULL,
      from_institution text NOT NULL,
      to_country char(2) NOT NULL,
      to_institution text NOT NULL,
      countries text[] NOT NULL,
      status text NOT NULL,
      urgency text NOT NULL,
      drafted_at timestamptz NOT NULL,
      sent_at timestamptz,
      acknowledged_at timestamptz,
      accepted_at timestamptz,
      declined_at timestamptz,
      completed_at timestamptz,
      revoked_at timestamptz,
      entered_in_error_at timestamptz,
      steps jsonb NOT NULL,
      next_due_at timestamptz,
      escalation_level int NOT NULL,
      reminders int NOT NULL,
      escalations int NOT NULL,
      history jsonb NOT NULL,
      revision int NOT NULL,
      updated_at timestamptz NOT NULL,
      CONSTRAINT referral_pipeline_pkey PRIMARY KEY (referral_id))`);
    for (const column of ['from_country', 'to_country', 'sent_at', 'next_due_at']) {
      await queryRunner.query(
        `CREATE INDEX referral_pipeline_${column} ON ${s}.referral_pipeline (${column})`,
      );
    }
    await queryRunner.query(`CREATE TABLE ${s}.referral_pipeline_cases (
      case_id text NOT NULL,
      country char(2) NOT NULL,
      age_band text,
      sex text,
      accompaniment text,
      registered_at timestamptz,
      history jsonb NOT NULL,
      erased boolean NOT NULL,
      erased_at timestamptz,
      revision int NOT NULL,
      CONSTRAINT referral_pipeline_cases_pkey PRIMARY KEY (case_id))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`DROP TABLE ${s}.referral_pipeline_cases`);
    await queryRunner.query(`DROP TABLE ${s}.referral_pipeline`);
  }
}
