// Lives in tests/: @crm/testing depends on @crm/config, so a spec inside libs/config cannot use it.
import { createTestDatabase } from '@crm/testing';
import { Pool } from 'pg';
import { DataSource, type MigrationInterface, type QueryRunner } from 'typeorm';
import { migrationSchema, runMigrations, SchemaMigrationError } from '@crm/config';

/** Each `up` appends to `<schema>.runs`, so a migration run twice shows as two rows. */
class CreateThings1733000000001 implements MigrationInterface {
  name = 'CreateThings1733000000001';
  async up(q: QueryRunner): Promise<void> {
    const s = migrationSchema(q);
    // no IF NOT EXISTS: a second, unserialised run fails here
    await q.query(`CREATE TABLE ${s}.things (id int PRIMARY KEY)`);
    await q.query(`CREATE TABLE ${s}.runs (migration text NOT NULL)`);
    await q.query('SELECT pg_sleep(0.2)'); // widen the window in which a racing process would start too
    await q.query(`INSERT INTO ${s}.runs VALUES ('CreateThings1733000000001')`);
  }
  async down(): Promise<void> {}
}

class AddThingName1733000000002 implements MigrationInterface {
  name = 'AddThingName1733000000002';
  async up(q: QueryRunner): Promise<void> {
    const s = migrationSchema(q);
    await q.query(`ALTER TABLE ${s}.things ADD COLUMN name text`);
    await q.query(`INSERT INTO ${s}.runs VALUES ('AddThingName1733000000002')`);
  }
  async down(): Promise<void> {}
}

class Broken1733000000003 implements MigrationInterface {
  name = 'Broken1733000000003';
  async up(q: QueryRunner): Promise<void> {
    const s = migrationSchema(q);
    await q.query(`INSERT INTO ${s}.runs VALUES ('Broken1733000000003')`);
    await q.query(`ALTER TABLE ${s}.no_such_table ADD COLUMN x int`);
  }
  async down(): Promise<void> {}
}

/** Another owner of the same schema (as the projection bookkeeping shares `plan_read` with the plan). */
class CreateOtherOwner1733000000010 implements MigrationInterface {
  name = 'CreateOtherOwner1733000000010';
  async up(q: QueryRunner): Promise<void> {
    const s = migrationSchema(q);
    await q.query(`CREATE TABLE ${s}.other (id int)`);
    await q.query(`INSERT INTO ${s}.runs VALUES ('CreateOtherOwner1733000000010')`);
  }
  async down(): Promise<void> {}
}

describe('runMigrations: one way to create and evolve a schema, under an advisory lock', () => {
  let db: { url: string; drop(): Promise<void> };
  let pool: Pool;
  beforeAll(async () => {
    db = await createTestDatabase('migrations');
    pool = new Pool({ connectionString: db.url, max: 2 });
  });
  afterAll(async () => {
    await pool?.end();
    await db?.drop();
  });

  const names = async (schema: string) =>
    (await pool.query(`SELECT name FROM "${schema}".migrations ORDER BY id`)).rows.map((r) => r.name);
  const runs = async (schema: string) =>
    (await pool.query(`SELECT migration FROM "${schema}".runs`)).rows.map((r) => r.migration);

  it('given two processes starting together on a new database, the migrations run once', async () => {
    const all = await Promise.all([
      runMigrations(db.url, { schema: 'mig_race', migrations: [CreateThings1733000000001] }),
      runMigrations(db.url, { schema: 'mig_race', migrations: [CreateThings1733000000001] }),
      runMigrations(db.url, { schema: 'mig_race', migrations: [CreateThings1733000000001] }),
    ]);
    expect(all.flat()).toEqual(['CreateThings1733000000001']);
    expect(await runs('mig_race')).toEqual(['CreateThings1733000000001']);
    expect(await names('mig_race')).toEqual(['CreateThings1733000000001']);
  });

  it('runs only the new migrations on a later start, and nothing when none is new', async () => {
    const schema = 'mig_evolve';
    await runMigrations(db.url, { schema, migrations: [CreateThings1733000000001] });
    const migrations = [CreateThings1733000000001, AddThingName1733000000002];
    await expect(runMigrations(db.url, { schema, migrations })).resolves.toEqual([
      'AddThingName1733000000002',
    ]);
    await expect(runMigrations(db.url, { schema, migrations })).resolves.toEqual([]);
    expect(await runs(schema)).toEqual(['CreateThings1733000000001', 'AddThingName1733000000002']);
  });

  it('takes the connection settings of a pg Pool or a TypeORM DataSource, and leaves them open', async () => {
    const ds = await new DataSource({ type: 'postgres', url: db.url, schema: 'elsewhere' }).initialize();
    try {
      await runMigrations(pool, { schema: 'mig_pool', migrations: [CreateThings1733000000001] });
      await runMigrations(ds, { schema: 'mig_ds', migrations: [CreateThings1733000000001] });
      expect(await names('mig_pool')).toEqual(['CreateThings1733000000001']);
      expect(await names('mig_ds')).toEqual(['CreateThings1733000000001']);
      expect(ds.isInitialized).toBe(true);
      await expect(pool.query('SELECT 1')).resolves.toBeDefined();
    } finally {
      await ds.destroy();
    }
  });

  it('lets two owners share one schema: each runs its own list and leaves the other rows alone', async () => {
    const schema = 'mig_shared';
    await runMigrations(db.url, { schema, migrations: [CreateThings1733000000001] });
    await expect(
      runMigrations(db.url, { schema, migrations: [CreateOtherOwner1733000000010] }),
    ).resolves.toEqual(['CreateOtherOwner1733000000010']);
    await expect(runMigrations(db.url, { schema, migrations: [CreateThings1733000000001] })).resolves.toEqual(
      [],
    );
    expect(await names(schema)).toEqual(['CreateThings1733000000001', 'CreateOtherOwner1733000000010']);
  });

  it('a failing migration stops start-up with a bilingual error, keeps the earlier ones and nothing of itself', async () => {
    const schema = 'mig_broken';
    const attempt = runMigrations(db.url, {
      schema,
      migrations: [CreateThings1733000000001, Broken1733000000003],
    });
    await expect(attempt).rejects.toBeInstanceOf(SchemaMigrationError);
    await expect(attempt).rejects.toMatchObject({
      code: 'database.migration_failed',
      text: {
        es: expect.stringContaining('No se pudieron aplicar las migraciones del esquema mig_broken'),
        en: expect.stringContaining('Could not apply the migrations of schema mig_broken'),
      },
    });
    expect(await names(schema)).toEqual(['CreateThings1733000000001']);
    expect(await runs(schema)).toEqual(['CreateThings1733000000001']);
  });

  it('refuses a schema name that is not a plain identifier', async () => {
    await expect(
      runMigrations(db.url, { schema: 'x"; DROP SCHEMA public; --', migrations: [] }),
    ).rejects.toMatchObject({ code: 'database.invalid_schema' });
  });
});
