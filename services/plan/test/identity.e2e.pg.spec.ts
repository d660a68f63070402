import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { freePort } from '@crm/config';
import { createNestLogger } from '@crm/pii';
import { startTestIdentity, type TestIdentity } from '@crm/identity/testing';
import { createTestDatabase } from '@crm/testing';
import { startPlanService, type PlanService } from '../src/bootstrap';
import { expectBilingualError } from './support';

/**
 * Development mode is OIDC mode pointed at the local identity service: the plan service verifies the identity
 * service's tokens against its JWKS, issuer and audience, over HTTP, as it verifies Keycloak's in production.
 * The plan starts first (as a launcher may start them): until the identity service answers, a token is a 503
 * (es/en); then its tokens are accepted, and a token of another key is refused 401.
 */
describe('the plan service verifies the tokens of the identity service (real HTTP, real PostgreSQL)', () => {
  let db: { url: string; drop(): Promise<void> };
  let dir: string;
  let port: number;
  let plan: PlanService;
  let identity: TestIdentity | undefined;
  let stranger: TestIdentity | undefined;

  beforeAll(async () => {
    db = await createTestDatabase('plan_identity');
    dir = mkdtempSync(join(tmpdir(), 'crm-plan-identity-'));
    port = await freePort();
    plan = await startPlanService({
      env: { DATABASE_URL: db.url, CRM_DATA_DIR: dir, IDENTITY_URL: `http://127.0.0.1:${port}` },
      port: 0,
      host: '127.0.0.1',
      features: [],
      log: () => undefined,
    });
  });
  afterAll(async () => {
    await plan?.close();
    await identity?.stop();
    await stranger?.stop();
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers 503 in es/en while the identity service is not running yet, then accepts its tokens', async () => {
    // a token of the right shape, from an identity service that is not the configured one
    stranger = await startTestIdentity({ env: { IDENTITY_ISSUER_URL: `http://127.0.0.1:${port}` } });
    const early = await request(plan.url)
      .get('/plan/catalogue')
      .set('Authorization', await stranger.bearer('st.analyst'))
      .expect(503);
    expectBilingualError(early.body, 'auth.identity_provider_unavailable');
    expect(early.body.message.es).toMatch(/servicio de identidad/);
    expect(early.body.message.en).toMatch(/identity service/);

    // the last application's logger is the process's: quiet, since the plan logs the expected 503 above as an error
    identity = await startTestIdentity({ port, logger: createNestLogger('identity', { level: 'silent' }) });
    expect(identity.url).toBe(`http://127.0.0.1:${port}`);
    const ok = await request(plan.url)
      .get('/plan/catalogue')
      .set('Authorization', await identity.bearer('st.analyst'))
      .expect(200);
    expect(ok.body).toMatchObject({ planId: '2017-2022', version: 1 });
  });

  it('refuses 401 (es/en) a token with the same issuer, audience and claims signed by another key', async () => {
    expect(identity).toBeDefined();
    const res = await request(plan.url)
      .get('/plan/catalogue')
      .set('Authorization', await stranger!.bearer('st.analyst'))
      .expect(401);
    expectBilingualError(res.body, 'auth.unknown_key');
  });
});
