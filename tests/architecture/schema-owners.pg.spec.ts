import 'reflect-metadata';
import { PostgresAuditSink } from '@crm/auth';
import { PostgresEventStore } from '@crm/event-store-postgres';
import { PostgresProcessedStore } from '@crm/gateway';
import { PostgresBus, PostgresCheckpointStore } from '@crm/messaging-postgres';
import { PostgresKeyStore } from '@crm/pii';
import { PlanReadModels, READ_SCHEMA } from '@crm/plan';
import { MemoryEventStore } from '@crm/event-store';
import { systemClock } from '@crm/kernel';
import { ensureProjectionTables } from '@crm/projection';
import { createTestDatabase } from '@crm/testing';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';

/**
 * Every owner of a schema creates it through its TypeORM migrations (runMigrations, @crm/config) from the
 * start-up call its callers already make. Each start-up path runs twice concurrently on a fresh database (two
 * processes starting together): both succeed, and the schema's `migrations` table lists the owner's
 * migrations once, next to the tables they created.
 */
describe('schema owners migrate at start-up, safely from two processes at once', () => {
  let db: { url: string; drop(): Promise<void> };
  let pool: Pool;
  let ds: DataSource;
  const closers: Array<() => Promise<unknown>> = [];

  beforeAll(async () => {
    db = await createTestDatabase('schema_owners');
    pool = new Pool({ connectionString: db.url, max: 4 });
    ds = await new DataSource({ type: 'postgres', url: db.url }).initialize();
  });
  afterAll(async () => {
    for (const close of closers) await close();
    await ds?.destroy();
    await pool?.end();
    await db?.drop();
  });

  const twice = async <T>(start: () => Promise<T>, close?: (t: T) => Promise<unknown>) => {
    const started = await Promise.all([start(), start()]);
    if (close) for (const s of started) closers.push(() => close(s));
  };
  const state = async (schema: string) => ({
    migrations: (await pool.query(`SELECT name FROM "${schema}".migrations ORDER BY id`)).rows.map(
      (r) => r.name,
    ),
    tables: (
      await pool.query(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_name <> 'migrations' ORDER BY 1`,
        [schema],
      )
    ).rows.map((r) => r.table_name),
  });

  it.each([
    {
      owner: 'PostgresEventStore.connect',
      schema: 'event_store',
      start: () =>
        twice(
          () => PostgresEventStore.connect({ url: db.url }),
          (s) => s.close(),
        ),
      migrations: ['CreateEventStore1732262400000'],
      tables: ['events', 'streams'],
    },
    {
      owner: 'PostgresBus.connect + PostgresCheckpointStore.connect',
      schema: 'bus',
      start: async () => {
        await twice(
          () => PostgresBus.connect({ url: db.url }),
          (b) => b.close(),
        );
        await twice(() => PostgresCheckpointStore.connect({ pool }));
      },
      migrations: ['CreateBus1733184000000'],
      tables: ['consumer_members', 'consumer_offsets', 'messages', 'relay_checkpoints', 'topics'],
    },
    {
      owner: 'PostgresAuditSink.migrate',
      schema: 'audit',
      start: () => twice(() => new PostgresAuditSink(pool).migrate()),
      migrations: ['CreateAccessDenials1733011200000'],
      tables: ['access_denials'],
    },
    {
      owner: 'PostgresKeyStore.migrate',
      schema: 'pii',
      start: () => twice(() => new PostgresKeyStore(pool).migrate()),
      migrations: ['CreateDataKeys1733097600000'],
      tables: ['data_keys'],
    },
    {
      owner: 'PostgresProcessedStore.open (inbound gateway)',
      schema: 'plan',
      start: () => twice(() => PostgresProcessedStore.open(ds, 'plan')),
      migrations: ['CreateInboundProcessed1733356800000'],
      tables: ['inbound_processed'],
    },
    {
      owner: 'ensureProjectionTables (bus consumers)',
      schema: 'consumer',
      start: () => twice(() => ensureProjectionTables(ds, 'consumer')),
      migrations: ['CreateConsumerBookkeeping1733270400000'],
      tables: ['consumer_checkpoints', 'processed_events'],
    },
    {
      owner: 'PlanReadModels.start (the plan dashboard projection)',
      schema: READ_SCHEMA,
      start: () =>
        twice(
          async () => {
            const models = new PlanReadModels({
              store: new MemoryEventStore(),
              dataSource: ds,
              clock: systemClock,
              log: () => undefined,
            });
            await models.start();
            return models;
          },
          (m) => m.stop(),
        ),
      migrations: ['CreateConsumerBookkeeping1733270400000', 'CreateDashboardTables1733443200000'],
      tables: ['consumer_checkpoints', 'matrix_cells', 'processed_events', 'report_status'],
    },
  ])('$owner creates schema $schema once', async ({ schema, start, migrations, tables }) => {
    await start();
    expect(await state(schema)).toEqual({ migrations, tables });
  });
});
