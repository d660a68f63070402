import { Pool } from 'pg';
import { createTestDatabase } from '@crm/testing';
import { PostgresProcessedStore } from './postgres-processed-store';

describe('PostgresProcessedStore', () => {
  let db: { url: string; drop(): Promise<void> };
  let pool: Pool;

  beforeAll(async () => {
    db = await createTestDatabase('gateway');
    pool = new Pool({ connectionString: db.url, max: 3 });
  });
  afterAll(async () => {
    await pool.end();
    await db.drop();
  });

  const record = {
    consumer: 'crm.plan.inbound-gateway',
    country: 'HN' as const,
    eventId: 'e-1',
    topic: 'crm.HN.in.plan',
    partition: 2,
    offset: '17',
    outcomeType: 'plan.report.submission-outcome',
  };

  it('finds what was marked, per consumer and country, and keeps the first record of an id', async () => {
    const [a, b] = await Promise.all([
      PostgresProcessedStore.open(pool, 'plan'),
      PostgresProcessedStore.open(pool, 'plan'),
    ]);
    expect(await a.find(record.consumer, 'HN', 'e-1')).toBeNull();
    await a.markProcessed(record);
    await b.markProcessed({ ...record, offset: '99' });
    expect(await b.find(record.consumer, 'HN', 'e-1')).toEqual(record);
    expect(await a.find(record.consumer, 'GT', 'e-1')).toBeNull();
    expect(await a.find('other-consumer', 'HN', 'e-1')).toBeNull();
    expect(await a.count(record.consumer)).toBe(1);
    const rows = await pool.query('SELECT count(*)::int AS n FROM plan.inbound_processed');
    expect(rows.rows[0].n).toBe(1);
  });

  it('refuses a schema name that is not a plain identifier', async () => {
    await expect(PostgresProcessedStore.open(pool, 'plan; DROP TABLE x')).rejects.toThrow(/invalid schema/);
  });
});
