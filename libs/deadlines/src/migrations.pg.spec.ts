import { fixedClock } from '@crm/kernel';
import { ensureProjectionTables } from '@crm/projection';
import { createTestDatabase } from '@crm/testing';
import type { DataSource } from 'typeorm';
import { DeadlineRunner } from './deadline-runner';
import { Deadlines } from './deadlines';
import { DEADLINE_MIGRATIONS } from './migrations';
import { migrateDeadlines } from './schema';
import { deadline, openDataSource } from './test-support';

/**
 * The deadlines table comes from its TypeORM migration only (run by runMigrations of @crm/config): nothing
 * of the library creates it as a side effect, and each way a service migrates it records it once.
 */
describe('deadlines table: created by its migration only', () => {
  let db: { url: string; drop(): Promise<void> };
  let ds: DataSource;
  const tables = async (schema: string) =>
    (
      await ds.query(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_name <> 'migrations' ORDER BY 1`,
        [schema],
      )
    ).map((r: { table_name: string }) => r.table_name);
  const migrations = async (schema: string) =>
    (await ds.query(`SELECT name FROM "${schema}".migrations ORDER BY id`)).map(
      (r: { name: string }) => r.name,
    );

  beforeAll(async () => {
    db = await createTestDatabase('deadlines_migrations');
    ds = await openDataSource(db.url);
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('writing or polling before the migration fails: the library never creates its table itself', async () => {
    const clock = fixedClock('2025-03-10T09:00:00Z');
    await expect(
      ds.transaction((m) => new Deadlines('public').schedule(m, deadline('k', 's', clock(), 0))),
    ).rejects.toThrow(/relation "public.deadlines" does not exist/);
    const runner = new DeadlineRunner({
      dataSource: ds,
      schema: 'public',
      clock,
      fire: async () => undefined,
    });
    await expect(runner.pollOnce()).rejects.toThrow(/does not exist/);
    expect(await tables('public')).toEqual([]);
  });

  it('two processes migrating at once create the table once, with its columns and indexes', async () => {
    const applied = await Promise.all([migrateDeadlines(db.url, 'timers'), migrateDeadlines(ds, 'timers')]);
    expect(applied.flat()).toEqual(['CreateDeadlines1764720000000']);
    expect(await migrations('timers')).toEqual(['CreateDeadlines1764720000000']);
    expect(await tables('timers')).toEqual(['deadlines']);
    const columns = await ds.query(
      `SELECT column_name, data_type, is_nullable FROM information_schema.columns
       WHERE table_schema = 'timers' AND table_name = 'deadlines' ORDER BY ordinal_position`,
    );
    expect(columns.map((c: Record<string, string>) => [c.column_name, c.data_type, c.is_nullable])).toEqual([
      ['key', 'text', 'NO'],
      ['stream', 'text', 'NO'],
      ['kind', 'text', 'NO'],
      ['due_at', 'timestamp with time zone', 'NO'],
      ['payload', 'jsonb', 'NO'],
      ['expected_revision', 'bigint', 'YES'],
      ['status', 'text', 'NO'],
      ['attempts', 'integer', 'NO'],
      ['last_error', 'text', 'YES'],
      ['retry_at', 'timestamp with time zone', 'YES'],
      ['created_at', 'timestamp with time zone', 'NO'],
      ['updated_at', 'timestamp with time zone', 'NO'],
      ['fired_at', 'timestamp with time zone', 'YES'],
      ['cancelled_at', 'timestamp with time zone', 'YES'],
    ]);
    const indexes = await ds.query(
      `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'timers' AND tablename = 'deadlines' ORDER BY 1`,
    );
    expect(indexes.map((i: { indexname: string }) => i.indexname)).toEqual([
      'deadlines_pkey',
      'deadlines_status_due_at',
      'deadlines_stream_status',
    ]);
    expect(indexes[1].indexdef).toContain('(status, due_at)');
    await expect(
      ds.query(
        `INSERT INTO timers.deadlines (key, stream, kind, due_at, payload, status) VALUES ('k', 's', 'x', now(), '{}', 'done')`,
      ),
    ).rejects.toThrow(/check constraint/);
    await expect(migrateDeadlines(ds, 'timers')).resolves.toEqual([]);
  });

  it('the runner’s start migrates its schema', async () => {
    const runner = new DeadlineRunner({
      dataSource: ds,
      schema: 'timers_runner',
      clock: fixedClock('2025-03-10T09:00:00Z'),
      fire: async () => undefined,
    });
    await runner.start();
    await runner.stop();
    expect(await migrations('timers_runner')).toEqual(['CreateDeadlines1764720000000']);
  });

  it('a projection that lists DEADLINE_MIGRATIONS gets the table next to its bookkeeping', async () => {
    await ensureProjectionTables(ds, 'timers_projection', DEADLINE_MIGRATIONS);
    await migrateDeadlines(ds, 'timers_projection'); // a runner starting later finds it recorded
    expect(await tables('timers_projection')).toEqual([
      'consumer_checkpoints',
      'deadlines',
      'processed_events',
    ]);
    expect(await migrations('timers_projection')).toEqual([
      'CreateConsumerBookkeeping1733270400000',
      'CreateDeadlines1764720000000',
    ]);
  });
});
