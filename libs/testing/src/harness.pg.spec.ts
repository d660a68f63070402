import { Client } from 'pg';
import { createTestDatabase } from './test-database';

describe('test harness: embedded PostgreSQL', () => {
  it('gives each test file its own database on a real server', async () => {
    const db = await createTestDatabase('harness');
    const c = new Client({ connectionString: db.url });
    await c.connect();
    const r = await c.query<{ v: string; d: string }>('SELECT version() AS v, current_database() AS d');
    await c.end();
    await db.drop();
    expect(r.rows[0].v).toMatch(/^PostgreSQL \d+/);
    expect(r.rows[0].d).toMatch(/^harness_[0-9a-f]{12}$/);
  });
});
