import 'reflect-metadata';
import { runMigrations } from '@crm/config';
import { createTestDatabase } from '@crm/testing';
import { DataSource } from 'typeorm';
import { READ_MODEL_ENTITIES, READ_SCHEMA } from './entities';
import { PLAN_READ_MODEL_MIGRATIONS } from './migrations';

describe('plan read-model schema: the entities define the tables, the migrations create them', () => {
  let db: { url: string; drop(): Promise<void> };
  let ds: DataSource;
  /** The DDL TypeORM would run to make the database match the entities ([] when they agree). */
  const drift = async () => (await ds.driver.createSchemaBuilder().log()).upQueries.map((q) => q.query);

  beforeAll(async () => {
    db = await createTestDatabase('plan_read_schema');
    await runMigrations(db.url, { schema: READ_SCHEMA, migrations: PLAN_READ_MODEL_MIGRATIONS });
    ds = await new DataSource({ type: 'postgres', url: db.url, entities: READ_MODEL_ENTITIES }).initialize();
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('the migrated tables are exactly the entities (columns, types, nullability, keys, indexes)', async () => {
    expect(await drift()).toEqual([]);
  });

  it('a table that no longer matches its entity shows as drift', async () => {
    await ds.query(`ALTER TABLE ${READ_SCHEMA}.report_status DROP COLUMN last_late`);
    await ds.query(`DROP INDEX ${READ_SCHEMA}.report_status_activity_period`);
    const ddl = (await drift()).join('\n');
    expect(ddl).toContain('"last_late"');
    expect(ddl).toContain('report_status_activity_period');
  });
});

describe('plan read-model migrations on a database created before migrations', () => {
  it('adopt the existing tables and keep their rows', async () => {
    const db = await createTestDatabase('plan_read_adopt');
    const ds = await new DataSource({ type: 'postgres', url: db.url }).initialize();
    try {
      // the start-up DDL the projection ran before migrations
      await ds.query(`CREATE SCHEMA ${READ_SCHEMA}`);
      await ds.query(`CREATE TABLE ${READ_SCHEMA}.matrix_cells (period char(7) NOT NULL, country char(2) NOT NULL,
        objective text NOT NULL, status text NOT NULL, activities int NOT NULL, PRIMARY KEY (period, country, objective, status))`);
      await ds.query(
        `INSERT INTO ${READ_SCHEMA}.matrix_cells VALUES ('2020-S1', 'HN', 'IV', 'completed', 3)`,
      );
      await expect(
        runMigrations(db.url, { schema: READ_SCHEMA, migrations: PLAN_READ_MODEL_MIGRATIONS }),
      ).resolves.toEqual(['CreateDashboardTables1733443200000']);
      expect(await ds.query(`SELECT activities FROM ${READ_SCHEMA}.matrix_cells`)).toEqual([
        { activities: 3 },
      ]);
    } finally {
      await ds.destroy();
      await db.drop();
    }
  });
});
