import type { TestService } from '@crm/service-testing';
import { startTestReferralsService } from './support';

describe('referral service on the kit (real PostgreSQL, real identity service)', () => {
  let t: TestService;
  beforeAll(async () => {
    t = await startTestReferralsService();
  });
  afterAll(() => t?.stop());

  it('is ready, documents its API in both languages and keeps a per-child key store', async () => {
    await t.http().get('/health/ready').expect(200);
    const openapi = await t.http().get('/docs/openapi.json').expect(200);
    expect(openapi.body.info.title).toMatch(/referencia.*referral/i);
    const tables = await t.pool.query(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'pii' ORDER BY table_name",
    );
    expect(tables.rows.map((r) => r.table_name)).toContain('data_keys');
  });
});
