import { migrationSchema } from '@crm/config';
import { MEMBER_COUNTRIES } from '@crm/kernel';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { POSITION_SHIFT } from '../position';

/**
 * Version 1 of the event store schema.
 * - events.position = (transaction id << 14) + index in the append: a bigint that orders events the way
 *   Emmett's (transaction_id, position) pair does, so `position < pg_snapshot_xmin(...) << 14` is the
 *   no-skip barrier (see docs/event-store.md).
 * - streams: one row per stream, updated in the same statement as the insert (optimistic concurrency).
 * - one partial index per member country on (position): "all events concerning country X up to T".
 */
export class CreateEventStore1732262400000 implements MigrationInterface {
  name = 'CreateEventStore1732262400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`
      CREATE TABLE ${s}.streams (
        stream_name text PRIMARY KEY,
        revision bigint NOT NULL CHECK (revision >= 0),
        last_hash char(64) NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE ${s}.events (
        position bigint PRIMARY KEY,
        transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
        stream_name text NOT NULL,
        category text NOT NULL,
        revision bigint NOT NULL CHECK (revision >= 0),
        event_id uuid NOT NULL,
        type text NOT NULL,
        schema_version integer NOT NULL,
        data jsonb NOT NULL,
        metadata jsonb NOT NULL,
        countries text[] NOT NULL,
        recorded_at timestamptz NOT NULL,
        CONSTRAINT events_position_is_transaction CHECK ((position >> ${POSITION_SHIFT}) = transaction_id::text::bigint),
        CONSTRAINT events_stream_revision UNIQUE (stream_name, revision),
        CONSTRAINT events_stream_event_id UNIQUE (stream_name, event_id)
      )`);
    await queryRunner.query(`CREATE INDEX events_category_position ON ${s}.events (category, position)`);
    for (const c of MEMBER_COUNTRIES) {
      await queryRunner.query(
        `CREATE INDEX events_country_${c.toLowerCase()} ON ${s}.events (position) INCLUDE (recorded_at) WHERE countries @> ARRAY['${c}']::text[]`,
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`DROP TABLE ${s}.events`);
    await queryRunner.query(`DROP TABLE ${s}.streams`);
  }
}

export const EVENT_STORE_MIGRATIONS = [CreateEventStore1732262400000];
