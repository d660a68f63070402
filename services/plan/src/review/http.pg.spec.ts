import { APP_FILTER } from '@nestjs/core';
import { LocalizedErrorFilter } from '@crm/service-kit';
import 'reflect-metadata';
import { Module, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { AuthModule, createAuthentication, loadAuthConfig, MemoryAuditSink } from '@crm/auth';
import { loadPlatformConfig } from '@crm/config';
import { startTestIdentity, type TestIdentity } from '@crm/identity/testing';
import { fixedClock } from '@crm/kernel';
import { createPlatform, PlatformModule, type Platform } from '@crm/platform';
import { createTestDatabase } from '@crm/testing';
import { PlanReadModels } from '../read-models/plan-read-models';
import { ReadModelsModule } from '../read-models/read-models.module';
import { PERIOD, T, writeScenario } from '../read-models/testing/scenario';
import { ReviewModule } from './review.module';

describe('plan dashboard and review HTTP endpoints (Nest, PostgreSQL, tokens of the identity service)', () => {
  let db: { url: string; drop(): Promise<void> };
  let platform: Platform;
  let app: INestApplication;
  let identity: TestIdentity;
  const audit = new MemoryAuditSink();
  const clock = fixedClock(T.imported);
  const get = async (user: string, path: string) =>
    request(app.getHttpServer())
      .get(path)
      .set('Authorization', await identity.bearer(user));

  beforeAll(async () => {
    db = await createTestDatabase('plan_http');
    platform = await createPlatform({ config: loadPlatformConfig({ DATABASE_URL: db.url }), clock });
    await writeScenario(platform.store, clock);
    identity = await startTestIdentity();
    const { verifier } = await createAuthentication(loadAuthConfig(identity.env));
    @Module({
      imports: [
        PlatformModule.forRoot(platform),
        AuthModule.forRoot({ verifier, audit, clock }),
        ReadModelsModule,
        ReviewModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: LocalizedErrorFilter }],
    })
    class TestAppModule {}
    const moduleRef = await Test.createTestingModule({ imports: [TestAppModule] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    const events = await platform.store.readAll({ filter: { categories: ['planReport'] } });
    await app.get(PlanReadModels).waitFor(events[events.length - 1].position);
  });
  afterAll(async () => {
    await app?.close();
    await platform?.close();
    await identity?.stop();
    await db?.drop();
  });

  it('scopes the dashboards: the Secretariat sees every country, a country official only their own', async () => {
    const st = await get('st.analyst', `/plan/dashboard/matrix?period=${PERIOD}`);
    expect(st.status).toBe(200);
    expect(st.body.countries).toHaveLength(11);
    const hn = await get('hn.reporting_officer', `/plan/dashboard/matrix?period=${PERIOD}&country=HN`);
    expect(hn.status).toBe(200);
    expect(hn.body.countries.map((c: { country: string }) => c.country)).toEqual(['HN']);
    expect(hn.body.countries[0].completed).toBe(2);
    const other = await get('hn.reporting_officer', `/plan/dashboard/timeliness?period=${PERIOD}&country=GT`);
    expect(other.status).toBe(403);
    expect(audit.entries.some((e) => e.operation === 'plan.report.read' && e.resource.country === 'GT')).toBe(
      true,
    );
    const observer = await get('unicef.observer', `/plan/dashboard/matrix?period=${PERIOD}`);
    expect(observer.status).toBe(403);
  });

  it('answers timeliness and the per-activity summary, with es/en errors for a bad period or an unknown activity', async () => {
    const t = await get('st.coordinator', `/plan/dashboard/timeliness?period=${PERIOD}`);
    expect(t.body.countries.find((c: { country: string }) => c.country === 'SV')).toMatchObject({
      late: 1,
      onTime: 0,
    });
    const a = await get(
      'gt.reporting_officer',
      `/plan/dashboard/activities/IV.1.1.1?period=${PERIOD}&country=GT`,
    );
    expect(a.status).toBe(200);
    expect(a.body.periods[0].countries).toEqual([
      expect.objectContaining({ country: 'GT', workflow: 'submitted', reportedStatus: 'completed' }),
    ]);
    const bad = await get('st.analyst', '/plan/dashboard/matrix?period=2020-S3');
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('plan.dashboard.invalid_period');
    expect(bad.body.message.es).toMatch(/período/);
    const unknown = await get('st.analyst', '/plan/dashboard/activities/IV.9.9.9');
    expect(unknown.status).toBe(404);
    expect(unknown.body.message.en).toMatch(/does not exist/);
  });

  it('serves the as-of state from the events (not the read model), the history in three formats and the verification', async () => {
    const mid = await get('hn.reporting_officer', `/plan/countries/HN/state?asOf=${T.mid}`);
    expect(mid.status).toBe(200);
    expect(mid.body.reports.find((r: { activityId: string }) => r.activityId === 'IV.1.1.2').workflow).toBe(
      'submitted',
    );
    const md = await get('st.analyst', `/plan/countries/HN/state?asOf=${T.end}&format=markdown&lang=en`);
    expect(md.headers['content-type']).toMatch(/^text\/markdown/);
    expect(md.text).toContain('| HN | IV.1.1.2 | 2020-S1 | returned with comments |');

    const csv = await get('st.analyst', `/plan/countries/HN/history?format=csv&lang=en&to=${T.mid}`);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.text.split('\r\n').filter(Boolean)).toHaveLength(1 + 5);
    const json = await get('st.analyst', '/plan/countries/hn/history');
    expect(json.body).toHaveLength(9);

    const verify = await get('st.coordinator', '/plan/countries/HN/verify');
    expect(verify.body).toMatchObject({ ok: true, country: 'HN', checked: 9 });
  });

  it('refuses a bad asOf (400), an unknown country (404) and another country (403), in Spanish and English', async () => {
    const badAsOf = await get('st.analyst', '/plan/countries/HN/state?asOf=2020-06-30');
    expect(badAsOf.status).toBe(400);
    expect(badAsOf.body).toMatchObject({
      code: 'plan.review.invalid_instant',
      message: {
        es: expect.stringMatching(/instante ISO 8601/),
        en: expect.stringMatching(/ISO 8601 instant/),
      },
    });
    const missing = await get('st.analyst', '/plan/countries/HN/state');
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({
      code: 'plan.review.instant_required',
      message: {
        es: expect.stringMatching(/^Falta "asOf"/),
        en: expect.stringMatching(/^"asOf" is missing/),
      },
    });
    const unknown = await get('st.analyst', `/plan/countries/XX/state?asOf=${T.mid}`);
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({
      code: 'plan.review.unknown_country',
      message: {
        es: expect.stringMatching(/País desconocido/),
        en: expect.stringMatching(/Unknown country/),
      },
    });
    const badFormat = await get('st.analyst', '/plan/countries/HN/history?format=pdf');
    expect(badFormat.status).toBe(400);
    const otherCountry = await get('gt.reporting_officer', `/plan/countries/HN/state?asOf=${T.mid}`);
    expect(otherCountry.status).toBe(403);
  });

  it('rebuilds the read models for the Secretariat coordination only, with identical results', async () => {
    const before = (await get('st.analyst', `/plan/dashboard/matrix?period=${PERIOD}`)).body;
    const post = async (user: string) =>
      request(app.getHttpServer())
        .post('/plan/read-models/rebuild')
        .set('Authorization', await identity.bearer(user));
    const denied = await post('st.analyst');
    expect(denied.status).toBe(403);
    expect(
      audit.entries.some((e) => e.operation === 'plan.readModels.rebuild' && e.outcome === 'denied'),
    ).toBe(true);
    // the policy's OperationGuard refuses it (es/en, audited with the route), not an ad-hoc check in the controller
    expect(denied.body).toMatchObject({
      code: 'auth.forbidden.role_not_permitted',
      message: { es: expect.any(String), en: expect.any(String) },
    });
    expect(audit.entries).toContainEqual(
      expect.objectContaining({
        operation: 'plan.readModels.rebuild',
        reason: 'role_not_permitted',
        resource: expect.objectContaining({ method: 'POST', path: '/plan/read-models/rebuild' }),
      }),
    );
    expect((await post('hn.reporting_officer')).status).toBe(403);
    expect(audit.entries).toContainEqual(
      expect.objectContaining({
        operation: 'plan.readModels.rebuild',
        principal: expect.objectContaining({ country: 'HN' }),
      }),
    );
    const ok = await post('st.coordinator');
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ rebuilt: true });
    expect((await post('platform.admin')).status).toBe(200);
    expect((await get('st.analyst', `/plan/dashboard/matrix?period=${PERIOD}`)).body).toEqual(before);
  });
});
