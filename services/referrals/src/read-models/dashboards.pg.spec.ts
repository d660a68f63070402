import { fixedClock } from '@crm/kernel';
import type { TestService } from '@crm/service-testing';
import { expectBilingualError, startTestReferralsService } from '../../test/support';
import { referralPipelineProjection } from './pipeline.projection';
import { ReferralReadModelsModule } from './read-models.module';
import { ReferralReadModels } from './referral-read-models';
import { testProtector } from './testing/referral-history';
import { CASE_A, CASE_B, CASE_C, NAMES, R2, T, writePipelineScenario } from './testing/pipeline-scenario';

/** The dashboards over HTTP on the real service (QueryBus handlers, policy, read models on PostgreSQL). */
describe('referral dashboards (HTTP, real PostgreSQL, real identity service)', () => {
  const clock = fixedClock(T.now);
  let t: TestService;
  const get = async (path: string, user: string) =>
    t
      .http()
      .get(path)
      .set('Authorization', await t.bearer(user));

  beforeAll(async () => {
    t = await startTestReferralsService({
      clock,
      features: [ReferralReadModelsModule],
      prefix: 'referrals_dash',
    });
    const store = t.service.platform.store;
    await writePipelineScenario(store, testProtector(store, fixedClock(T.erased)));
    const all = await store.readAll({ filter: referralPipelineProjection.filter });
    await t.service.app.get(ReferralReadModels).waitFor(all[all.length - 1].position);
  });
  afterAll(() => t?.stop());

  it('pipeline: the Secretariat sees every referral by pair and status, drafts included', async () => {
    const res = await get('/referrals/dashboards/pipeline', 'st.analyst');
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(4);
    expect(res.body.countries).toHaveLength(11);
    expect(
      res.body.pairs.map((p: { from: string; to: string; byStatus: Record<string, number> }) => [
        p.from,
        p.to,
        Object.fromEntries(Object.entries(p.byStatus).filter(([, n]) => n > 0)),
      ]),
    ).toEqual([
      ['GT', 'MX', { draft: 1 }],
      ['HN', 'GT', { completed: 1, declined: 1 }],
      ['HN', 'MX', { requested: 1 }],
    ]);
    const mx = await get('/referrals/dashboards/pipeline?country=mx', 'st.coordinator');
    // narrowed to Mexico: what Mexico's officials see (R2), not Guatemala's draft to Mexico
    expect(mx.body).toMatchObject({ countries: ['MX'], total: 1 });
  });

  it("pipeline: a country's case officials see what their country sent and sent referrals that concern it", async () => {
    const total = async (user: string) => (await get('/referrals/dashboards/pipeline', user)).body.total;
    expect(await total('hn.protection_case_worker')).toBe(3); // R1, R2, R4
    expect(await total('gt.protection_supervisor')).toBe(3); // R1, R4 received, R3 its own draft
    expect(await total('mx.consular_officer')).toBe(1); // R2; GT's draft to Mexico is not Mexico's yet
    expect(await total('cr.protection_case_worker')).toBe(0);
    const own = await get('/referrals/dashboards/pipeline?country=HN', 'hn.national_system');
    expect(own.body.total).toBe(3);
  });

  it('pipeline: another country, an observer or a role without referral rights is refused (403, audited)', async () => {
    const before = (await t.denials()).length;
    const other = await get('/referrals/dashboards/pipeline?country=GT', 'hn.protection_case_worker');
    expect(other.status).toBe(403);
    expectBilingualError(other.body, 'auth.forbidden.other_country');
    expect((await get('/referrals/dashboards/timings', 'unicef.observer')).status).toBe(403);
    expect((await get('/referrals/dashboards/overdue', 'hn.reporting_officer')).status).toBe(403);
    const denials = await t.denials();
    expect(denials.length - before).toBe(3);
    expect(denials[denials.length - 3]).toMatchObject({
      operation: 'referrals.referral.read',
      reason: 'other_country',
    });
  });

  it('refuses a malformed country or institution (400, es/en) and unknown query parameters', async () => {
    const country = await get('/referrals/dashboards/pipeline?country=XX', 'st.analyst');
    expect(country.status).toBe(400);
    expectBilingualError(country.body, 'referrals.dashboard.invalid_country');
    const institution = await get('/referrals/dashboards/overdue?institution=%20bad', 'st.analyst');
    expect(institution.status).toBe(400);
    expectBilingualError(institution.body, 'referrals.dashboard.invalid_institution');
    expect((await get('/referrals/dashboards/pipeline?caseId=x', 'st.analyst')).status).toBe(400);
  });

  it('timings: time to acknowledgement and to acceptance per pair (count, median, p90 in hours)', async () => {
    const res = await get('/referrals/dashboards/timings', 'hn.protection_case_worker');
    expect(res.status).toBe(200);
    expect(res.body.pairs).toEqual([
      {
        from: 'HN',
        to: 'GT',
        sent: 2,
        acknowledgement: { count: 1, medianHours: 4, p90Hours: 4 },
        acceptance: { count: 1, medianHours: 24, p90Hours: 24 },
      },
      {
        from: 'HN',
        to: 'MX',
        sent: 1,
        acknowledgement: { count: 0, medianHours: null, p90Hours: null },
        acceptance: { count: 0, medianHours: null, p90Hours: null },
      },
    ]);
  });

  it('overdue: computed from the clock, per receiving institution, with deadlines and escalation, no case data', async () => {
    const res = await get('/referrals/dashboards/overdue', 'mx.protection_case_worker');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      asOf: T.now,
      countries: ['MX'],
      total: 1,
      institutions: [
        {
          country: 'MX',
          institutionId: 'MX-DIF',
          referrals: [
            {
              referralId: R2,
              status: 'requested',
              from: { country: 'HN', institutionId: 'HN-DINAF' },
              to: { country: 'MX', institutionId: 'MX-DIF' },
              steps: [{ step: 'acknowledge', dueAt: T.r2EscalatedDue, level: 1, overdueHours: 12 }],
              escalationLevel: 1,
              reminders: 1,
              escalations: 1,
            },
          ],
        },
      ],
    });
    expect((await get('/referrals/dashboards/overdue', 'gt.protection_case_worker')).body.total).toBe(0);
    const byInstitution = await get('/referrals/dashboards/overdue?institution=HN-DINAF', 'st.analyst');
    expect(byInstitution.body.total).toBe(1);
    expect((await get('/referrals/dashboards/overdue?institution=GT-PGN', 'st.analyst')).body.total).toBe(0);
    clock.set('2020-03-06T11:00:00.000Z'); // before the new deadline: nothing overdue
    expect((await get('/referrals/dashboards/overdue', 'st.analyst')).body.total).toBe(0);
    clock.set(T.now);
  });

  it('no dashboard answer holds a case id, a name, a ciphertext or a key subject', async () => {
    const bodies: string[] = [];
    for (const path of ['pipeline', 'timings', 'overdue'])
      for (const user of ['st.analyst', 'hn.protection_case_worker'])
        bodies.push(JSON.stringify((await get(`/referrals/dashboards/${path}`, user)).body));
    const text = bodies.join('\n');
    expect(text).toContain(R2);
    for (const id of [CASE_A, CASE_B, CASE_C]) expect(text).not.toContain(id);
    for (const names of Object.values(NAMES))
      for (const v of Object.values(names)) expect(text).not.toContain(v);
    expect(text).not.toMatch(/child-|"ct"|"kid"|caseId/);
  });

  it('aggregates: refused for an unended or malformed semester (422), for observers (403)', async () => {
    const open = await get('/referrals/dashboards/aggregates?period=2020-S1', 'st.analyst');
    expect(open.status).toBe(422);
    expectBilingualError(open.body, 'referrals.aggregates.period_open');
    const bad = await get('/referrals/dashboards/aggregates?period=2020', 'st.analyst');
    expect(bad.status).toBe(422);
    expectBilingualError(bad.body, 'referrals.dashboard.invalid_period');
    expect((await get('/referrals/dashboards/aggregates', 'st.analyst')).status).toBe(422);
    expect((await get('/referrals/dashboards/aggregates?period=2019-S2', 'unicef.observer')).status).toBe(
      403,
    );
  });

  it('aggregates: three children in the semester are too few, so only zeros are published, the same for everyone', async () => {
    clock.set(T.afterSemester);
    try {
      const st = await get('/referrals/dashboards/aggregates?period=2020-S1', 'st.analyst');
      expect(st.status).toBe(200);
      expect(st.body).toMatchObject({
        period: '2020-S1',
        totalsPublished: false,
        threshold: 10,
        protectionWidth: 10,
      });
      expect(st.body.tables.countries.cells['*|*']).toEqual({ suppressed: true });
      expect(st.body.tables.countries.cells['HN|GT']).toEqual({ suppressed: true });
      expect(st.body.tables.countries.cells['GT|MX']).toEqual({ value: 0 }); // a draft is not a referred child
      expect(st.body.tables.sex.cells.other).toEqual({ value: 0 });
      const hn = await get('/referrals/dashboards/aggregates?period=2020-S1', 'hn.reporting_officer');
      expect(hn.body).toEqual(st.body);
    } finally {
      clock.set(T.now);
    }
  });

  it('rebuild: the Secretariat coordinator rebuilds the same rows; a case worker may not (403)', async () => {
    const before = (await get('/referrals/dashboards/pipeline', 'st.analyst')).body;
    expect(
      (
        await t
          .http()
          .post('/referrals/read-models/rebuild')
          .set('Authorization', await t.bearer('hn.protection_case_worker'))
      ).status,
    ).toBe(403);
    const res = await t
      .http()
      .post('/referrals/read-models/rebuild')
      .set('Authorization', await t.bearer('st.coordinator'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ rebuilt: true, caughtUp: true });
    expect((await get('/referrals/dashboards/pipeline', 'st.analyst')).body).toEqual(before);
  });

  it('declares the projection to readiness and metrics', async () => {
    const ready = await t.http().get('/health/ready');
    expect(ready.status).toBe(200);
    expect(JSON.stringify(ready.body)).toContain('projection:referrals.pipeline');
    const metrics = await t.http().get('/metrics');
    expect(metrics.text).toMatch(
      /crm_projection_lag_events\{projection="referrals.pipeline",service="referrals"\} \d+/,
    );
  });
});
