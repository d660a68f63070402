import 'reflect-metadata';
import { runMigrations } from '@crm/config';
import { createTestDatabase } from '@crm/testing';
import { DataSource } from 'typeorm';
import { PIPELINE_ENTITIES, READ_SCHEMA } from './entities';
import { REFERRAL_PIPELINE_MIGRATIONS } from './migrations';

describe('referral pipeline read-model schema: the entities define the tables, the migration creates them', () => {
  let db: { url: string; drop(): Promise<void> };
  let ds: DataSource;
  /** The DDL TypeORM would run to make the database match the entities ([] when they agree). */
  const drift = async () => (await ds.driver.createSchemaBuilder().log()).upQueries.map((q) => q.query);

  beforeAll(async () => {
    db = await createTestDatabase('referrals_read_schema');
    await expect(
      runMigrations(db.url, { schema: READ_SCHEMA, migrations: REFERRAL_PIPELINE_MIGRATIONS }),
    ).resolves.toEqual(['CreateReferralPipelineTables1765000000000']);
    ds = await new DataSource({ type: 'postgres', url: db.url, entities: PIPELINE_ENTITIES }).initialize();
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('the migrated tables are exactly the entities (columns, types, nullability, keys, indexes)', async () => {
    expect(await drift()).toEqual([]);
  });

  it('running the migrations again applies nothing', async () => {
    await expect(
      runMigrations(db.url, { schema: READ_SCHEMA, migrations: REFERRAL_PIPELINE_MIGRATIONS }),
    ).resolves.toEqual([]);
  });

  it('a table that no longer matches its entity shows as drift', async () => {
    await ds.query(`ALTER TABLE ${READ_SCHEMA}.referral_pipeline_cases DROP COLUMN erased`);
    await ds.query(`DROP INDEX ${READ_SCHEMA}.referral_pipeline_next_due_at`);
    const ddl = (await drift()).join('\n');
    expect(ddl).toContain('"erased"');
    expect(ddl).toContain('referral_pipeline_next_due_at');
  });
});
