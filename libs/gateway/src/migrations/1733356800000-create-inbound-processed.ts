import { migrationSchema } from '@crm/config';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Version 1 of the inbound gateway's processed ids, in the service's own schema (the schema given to
 * runMigrations): `inbound_processed(consumer, country, event_id)` primary key, plus where the record was
 * read and which outcome was published. `IF NOT EXISTS` adopts a table created before migrations.
 */
export class CreateInboundProcessed1733356800000 implements MigrationInterface {
  name = 'CreateInboundProcessed1733356800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`CREATE TABLE IF NOT EXISTS ${s}.inbound_processed (
      consumer text NOT NULL,
      country text NOT NULL,
      event_id text NOT NULL,
      topic text NOT NULL,
      kafka_partition integer NOT NULL,
      kafka_offset text NOT NULL,
      outcome_type text NOT NULL,
      processed_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (consumer, country, event_id))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE ${migrationSchema(queryRunner)}.inbound_processed`);
  }
}
