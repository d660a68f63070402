import 'reflect-metadata';
import { runMigrations } from '@crm/config';
import { createTestDatabase } from '@crm/testing';
import { DataSource } from 'typeorm';
import { CONSENT_PROCESS_ENTITIES, READ_SCHEMA } from './case-referrals.entity';
import { CONSENT_PROCESS_MIGRATIONS } from './migrations';

describe('consent process schema: the entity defines referrals_read.case_referrals, the migration creates it', () => {
  let db: { url: string; drop(): Promise<void> };
  let ds: DataSource;
  /** The DDL TypeORM would run to make the database match the entity ([] when they agree). */
  const drift = async () => (await ds.driver.createSchemaBuilder().log()).upQueries.map((q) => q.query);

  beforeAll(async () => {
    db = await createTestDatabase('referrals_case_referrals');
    await runMigrations(db.url, { schema: READ_SCHEMA, migrations: CONSENT_PROCESS_MIGRATIONS });
    ds = await new DataSource({
      type: 'postgres',
      url: db.url,
      entities: CONSENT_PROCESS_ENTITIES,
    }).initialize();
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('the migrated table is exactly the entity (columns, types, key, index)', async () => {
    expect(await drift()).toEqual([]);
  });

  it('a table that no longer matches the entity shows as drift', async () => {
    await ds.query(`DROP INDEX ${READ_SCHEMA}.case_referrals_case_id`);
    expect((await drift()).join('\n')).toContain('case_referrals_case_id');
  });
});
