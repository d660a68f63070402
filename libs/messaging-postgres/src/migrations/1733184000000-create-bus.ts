import { migrationSchema } from '@crm/config';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Version 1 of the bus schema (default `bus`), all its tables:
 * - `topics`: partition count per topic (fixed once created).
 * - `messages`: every published message. `id` is a global bigserial; `transaction_id` is the publishing
 *   transaction's xid8. Readers order by (transaction_id, id) and only read rows whose transaction is older
 *   than the oldest running one (`pg_snapshot_xmin`), so a message committed late is never skipped.
 * - `consumer_offsets`: per (group, topic, partition) the (transaction_id, id) of the last handled message.
 * - `consumer_members`: live members of a consumer group, identified by their lock connection's backend.
 * - `relay_checkpoints`: the store→bus relays' checkpoints (event-store positions), never moving backwards.
 * `IF NOT EXISTS` adopts a database whose tables were created before migrations (same definitions).
 */
export class CreateBus1733184000000 implements MigrationInterface {
  name = 'CreateBus1733184000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`CREATE TABLE IF NOT EXISTS ${s}.topics (
      topic text PRIMARY KEY,
      partitions integer NOT NULL CHECK (partitions > 0),
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await queryRunner.query(`CREATE TABLE IF NOT EXISTS ${s}.messages (
      id bigserial PRIMARY KEY,
      topic text NOT NULL,
      partition integer NOT NULL,
      key text,
      value bytea NOT NULL,
      headers jsonb NOT NULL DEFAULT '{}'::jsonb,
      published_at timestamptz NOT NULL DEFAULT now(),
      transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id()
    )`);
    await queryRunner.query(
      `CREATE INDEX IF NOT EXISTS messages_read_idx ON ${s}.messages (topic, partition, transaction_id, id)`,
    );
    await queryRunner.query(`CREATE TABLE IF NOT EXISTS ${s}.consumer_offsets (
      group_id text NOT NULL,
      topic text NOT NULL,
      partition integer NOT NULL,
      offset_transaction_id xid8 NOT NULL,
      offset_id bigint NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (group_id, topic, partition)
    )`);
    await queryRunner.query(`CREATE TABLE IF NOT EXISTS ${s}.consumer_members (
      group_id text NOT NULL,
      member_id text NOT NULL,
      backend_pid integer NOT NULL,
      backend_start timestamptz NOT NULL,
      joined_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (group_id, member_id)
    )`);
    await queryRunner.query(`CREATE TABLE IF NOT EXISTS ${s}.relay_checkpoints (
      name text PRIMARY KEY,
      position bigint NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    for (const table of ['relay_checkpoints', 'consumer_members', 'consumer_offsets', 'messages', 'topics'])
      await queryRunner.query(`DROP TABLE ${s}.${table}`);
  }
}
