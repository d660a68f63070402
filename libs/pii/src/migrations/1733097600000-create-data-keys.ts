import { migrationSchema } from '@crm/config';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Version 1 of the key schema (`pii`): one wrapped data key per child, a tombstone after erasure.
 * `IF NOT EXISTS` adopts a database whose table was created before migrations (same definition).
 */
export class CreateDataKeys1733097600000 implements MigrationInterface {
  name = 'CreateDataKeys1733097600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`CREATE TABLE IF NOT EXISTS ${s}.data_keys (
      subject_id text PRIMARY KEY,
      key_id text,
      kek_id text,
      wrapped_key bytea,
      created_at timestamptz NOT NULL,
      erased_at timestamptz,
      CONSTRAINT data_keys_active_or_erased CHECK (
        (erased_at IS NULL AND wrapped_key IS NOT NULL AND kek_id IS NOT NULL AND key_id IS NOT NULL)
        OR (erased_at IS NOT NULL AND wrapped_key IS NULL AND kek_id IS NULL)
      )
    )`);
    await queryRunner.query(
      `CREATE INDEX IF NOT EXISTS data_keys_kek ON ${s}.data_keys (kek_id) WHERE erased_at IS NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE ${migrationSchema(queryRunner)}.data_keys`);
  }
}
