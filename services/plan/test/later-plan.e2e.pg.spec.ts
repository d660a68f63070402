import { fixedClock } from '@crm/kernel';
import { PlanReadModels } from '../src/read-models/plan-read-models';
import { ReadModelsModule } from '../src/read-models/read-models.module';
import { DRAFT, expectBilingualError, startTestPlanService, type TestPlanService } from './support';
import { shiftPlan } from '../src/testing';

/**
 * A later plan 2023-2027 in the format of the 2017-2022 file: shiftPlan(catalogue, 6) gives 2023-2028 with schedule
 * columns 2023-2027; its period is cut to 2023-2027 (planId 2023-2027), and XVI.2.2.5 is left out so that the two
 * plans' catalogues differ (95 activities instead of 96).
 */
function laterPlan(catalogue: any): any {
  const shifted = shiftPlan(catalogue, 6);
  return {
    ...shifted,
    planId: '2023-2027',
    period: { from: 2023, to: 2027 },
    title: { es: 'Plan Estratégico 2023-2027', en: 'Strategic Plan 2023-2027' },
    activities: shifted.activities.filter((a: { id: string }) => a.id !== 'XVI.2.2.5'),
  };
}

/**
 * A later plan, end to end over HTTP on real PostgreSQL: imported from a file of the same format, its semesters are
 * reportable (the period names the plan), the Secretariat approves a 2024-S1 report, and the catalogue and the
 * dashboards of both plans are served. The clock is inside the default 2024-S1 window (1-31 July 2024).
 */
describe('a later plan (2023-2027) next to 2017-2022 (e2e, real PostgreSQL)', () => {
  const clock = fixedClock('2024-07-10T12:00:00.000Z');
  let t: TestPlanService;
  let first: any;
  let hn: string;
  let st: string;
  let analyst: string;

  const get = (path: string, auth: string) => t.http().get(path).set('Authorization', auth);
  const caughtUp = async () => {
    const events = await t.service.platform.store.readAll({ filter: { categories: ['planReport'] } });
    if (events.length > 0)
      await t.service.app.get(PlanReadModels).waitFor(events[events.length - 1].position);
  };

  beforeAll(async () => {
    t = await startTestPlanService({ clock, prefix: 'plan_later', features: [ReadModelsModule] });
    hn = await t.bearer('hn.reporting_officer');
    st = await t.bearer('st.coordinator');
    analyst = await t.bearer('st.analyst');
    first = (await get('/plan/catalogue', analyst).expect(200)).body.catalogue;
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('before the import, 2024-S1 belongs to no imported plan: 422 es/en naming the plans, nothing stored', async () => {
    const res = await t
      .http()
      .put('/plan/reports/HN/I.1.1.1/2024-S1')
      .set('Authorization', hn)
      .send(DRAFT)
      .expect(422);
    expectBilingualError(res.body, 'plan.period.outside_plans');
    expect(res.body.details).toEqual({ period: '2024-S1', plans: ['2017-2022'] });
    expect(res.body.message.es).toContain('2017-2022');
    expect(await t.revisions('planReport-HN-I.1.1.1-2024-S1')).toEqual([]);
    expectBilingualError(
      (await get('/plan/windows/2024-S1', analyst).expect(422)).body,
      'plan.period.outside_plans',
    );
    expectBilingualError(
      (await get('/plan/catalogue?plan=2023-2027', analyst).expect(404)).body,
      'plan.catalogue.not_found',
    );
    expectBilingualError(
      (await get('/plan/dashboard/matrix?period=2024-S1', analyst).expect(422)).body,
      'plan.period.outside_plans',
    );
  });

  it('refuses a plan overlapping an imported one (409), then imports 2023-2027 into its own stream', async () => {
    const overlapping = { ...shiftPlan(first, 5), planId: '2022-2026', period: { from: 2022, to: 2026 } };
    const clash = await t
      .http()
      .post('/plan/catalogue/import')
      .set('Authorization', st)
      .send({ catalogue: overlapping })
      .expect(409);
    expectBilingualError(clash.body, 'catalogue.period_overlap');
    expect(await t.revisions('planCatalogue-2022-2026')).toEqual([]);

    const imported = await t
      .http()
      .post('/plan/catalogue/import')
      .set('Authorization', st)
      .send({ catalogue: laterPlan(first) })
      .expect(201);
    expect(imported.body).toMatchObject({
      planId: '2023-2027',
      version: 1,
      versionLabel: '2023-2027@1',
      activities: 95,
    });
    expect(await t.revisions('planCatalogue-2023-2027')).toEqual([0]);
    expect(await t.revisions('planCatalogue-2017-2022')).toEqual([0]);
  });

  it('a country saves and submits a 2024-S1 report against the 2023-2027 catalogue and the Secretariat approves it', async () => {
    const r = '/plan/reports/HN/I.1.1.1/2024-S1';
    const drafted = await t.http().put(r).set('Authorization', hn).send(DRAFT).expect(200);
    expect(drafted.body).toMatchObject({
      workflow: 'draft',
      catalogueVersion: '2023-2027@1',
      periodLabel: { es: 'I Semestre 2024', en: 'First semester 2024' },
    });
    const submitted = await t.http().post(`${r}/submit`).set('Authorization', hn).expect(200);
    expect(submitted.body).toMatchObject({
      workflow: 'submitted',
      late: false,
      submission: {
        window: {
          period: '2024-S1',
          opensAt: '2024-07-01T00:00:00.000Z',
          closesAt: '2024-08-01T00:00:00.000Z',
        },
      },
    });
    const approved = await t
      .http()
      .post(`${r}/approve`)
      .set('Authorization', st)
      .send({ comments: { es: 'Aprobado.' } })
      .expect(200);
    expect(approved.body).toMatchObject({
      workflow: 'approved',
      versions: [{ version: 1, catalogueVersion: '2023-2027@1' }],
    });
    expect((await get(r, hn).expect(200)).body).toMatchObject({
      workflow: 'approved',
      catalogueVersion: '2023-2027@1',
    });

    // the same activity id in a 2020 semester is a report on the 2017-2022 plan
    const old = await t
      .http()
      .put('/plan/reports/HN/I.1.1.1/2020-S1')
      .set('Authorization', hn)
      .send(DRAFT)
      .expect(200);
    expect(old.body.catalogueVersion).toBe('2017-2022@1');
    // an activity the later plan does not have is a 404 naming that plan
    const missing = await t
      .http()
      .put('/plan/reports/HN/XVI.2.2.5/2024-S1')
      .set('Authorization', hn)
      .send(DRAFT)
      .expect(404);
    expectBilingualError(missing.body, 'plan.activity.not_found');
    expect(missing.body.details).toEqual({ activityId: 'XVI.2.2.5', planId: '2023-2027' });
  });

  it('a period outside every imported plan is a 422 es/en for reports, windows and dashboards; nothing is stored', async () => {
    for (const period of ['2030-S1', '2016-S2']) {
      const res = await t
        .http()
        .put(`/plan/reports/HN/I.1.1.2/${period}`)
        .set('Authorization', hn)
        .send(DRAFT)
        .expect(422);
      expectBilingualError(res.body, 'plan.period.outside_plans');
      expect(res.body.details).toEqual({ period, plans: ['2017-2022', '2023-2027'] });
      expect(res.body.message.en).toContain('2017-2022, 2023-2027');
      expect(await t.revisions(`planReport-HN-I.1.1.2-${period}`)).toEqual([]);
      expectBilingualError(
        (await get(`/plan/reports/HN/I.1.1.2/${period}`, hn).expect(422)).body,
        'plan.period.outside_plans',
      );
    }
    const win = await t
      .http()
      .put('/plan/windows/2030-S1')
      .set('Authorization', st)
      .send({ opensAt: '2030-07-01T00:00:00Z', closesAt: '2030-08-01T00:00:00Z' })
      .expect(422);
    expectBilingualError(win.body, 'plan.period.outside_plans');
    expect(await t.revisions('planWindows-2030-S1')).toEqual([]);
    expectBilingualError(
      (await get('/plan/dashboard/timeliness?period=2030-S1', analyst).expect(422)).body,
      'plan.period.outside_plans',
    );
    // malformed periods stay a 400
    expectBilingualError(
      (
        await t
          .http()
          .put('/plan/reports/HN/I.1.1.2/2024-S3')
          .set('Authorization', hn)
          .send(DRAFT)
          .expect(400)
      ).body,
      'request.validation',
    );
  });

  it('serves the catalogue of either plan by id (default 2017-2022), its history and its amendments', async () => {
    const byDefault = (await get('/plan/catalogue', analyst).expect(200)).body;
    expect(byDefault).toMatchObject({
      planId: '2017-2022',
      versionLabel: '2017-2022@1',
      catalogue: { period: { from: 2017, to: 2022 } },
    });
    expect(byDefault.catalogue.activities).toHaveLength(96);
    const later = (await get('/plan/catalogue?plan=2023-2027', analyst).expect(200)).body;
    expect(later).toMatchObject({
      planId: '2023-2027',
      version: 1,
      versionLabel: '2023-2027@1',
      catalogue: { period: { from: 2023, to: 2027 }, scheduleYears: [2023, 2024, 2025, 2026, 2027] },
    });
    expect(later.catalogue.activities).toHaveLength(95);
    expect((await get('/plan/catalogue?plan=2017-2022', analyst).expect(200)).body.planId).toBe('2017-2022');
    expectBilingualError(
      (await get('/plan/catalogue?plan=2099-2103', analyst).expect(404)).body,
      'plan.catalogue.not_found',
    );
    expectBilingualError(
      (await get('/plan/catalogue?plan=latest', analyst).expect(400)).body,
      'request.validation',
    );

    const text = {
      es: `${later.catalogue.activities[0].text.es} (2023-2027)`,
      en: `${later.catalogue.activities[0].text.en} (2023-2027)`,
    };
    const amended = await t
      .http()
      .post('/plan/catalogue/amendments?plan=2023-2027')
      .set('Authorization', st)
      .send({ type: 'reword', activityId: 'I.1.1.1', text, reason: { es: 'Redacción del nuevo plan.' } })
      .expect(200);
    expect(amended.body).toMatchObject({ planId: '2023-2027', version: 2, versionLabel: '2023-2027@2' });
    expect((await get('/plan/catalogue/history?plan=2023-2027', analyst).expect(200)).body).toMatchObject({
      planId: '2023-2027',
      currentVersion: 2,
    });
    expect((await get('/plan/catalogue/history', analyst).expect(200)).body).toMatchObject({
      planId: '2017-2022',
      currentVersion: 1,
    });
    expect(
      (await get('/plan/catalogue?plan=2023-2027&version=1', analyst).expect(200)).body.catalogue
        .activities[0].text,
    ).toEqual(later.catalogue.activities[0].text);
    expect((await get('/plan/windows/2024-S1', analyst).expect(200)).body).toMatchObject({
      period: '2024-S1',
      scheduled: false,
      open: true,
    });
  });

  it('serves the dashboards of both plans: a semester addresses its own plan, `plan` checks it or picks one', async () => {
    await caughtUp();
    const later = (await get('/plan/dashboard/matrix?period=2024-S1', analyst).expect(200)).body;
    expect(later).toMatchObject({ planId: '2023-2027', period: '2024-S1', catalogueVersion: 2 });
    const hnLater = later.countries.find((c: { country: string }) => c.country === 'HN');
    expect(hnLater).toMatchObject({ activities: 95, reported: 1 });
    expect(hnLater.objectives.I.byStatus.in_progress).toBe(1);

    const earlier = (await get('/plan/dashboard/matrix?period=2020-S1&plan=2017-2022', analyst).expect(200))
      .body;
    expect(earlier).toMatchObject({ planId: '2017-2022', period: '2020-S1', catalogueVersion: 1 });
    expect(earlier.countries.find((c: { country: string }) => c.country === 'HN')).toMatchObject({
      activities: 96,
      reported: 0,
    });

    const timely = (await get('/plan/dashboard/timeliness?period=2024-S1&country=HN', hn).expect(200)).body;
    expect(timely).toMatchObject({
      planId: '2023-2027',
      windowClosed: false,
      countries: [{ country: 'HN', activities: 95, onTime: 1, late: 0, missing: 0, pending: 94 }],
    });

    const activityLater = (
      await get('/plan/dashboard/activities/I.1.1.1?plan=2023-2027', analyst).expect(200)
    ).body;
    expect(activityLater.planId).toBe('2023-2027');
    expect(activityLater.periods.map((p: { period: string }) => p.period)).toEqual(['2024-S1']);
    expect(
      activityLater.periods[0].countries.find((c: { country: string }) => c.country === 'HN'),
    ).toMatchObject({ workflow: 'approved', approvedStatus: 'in_progress', late: false });
    const activityDefault = (await get('/plan/dashboard/activities/I.1.1.1', analyst).expect(200)).body;
    expect(activityDefault.planId).toBe('2017-2022');
    expect(activityDefault.periods.map((p: { period: string }) => p.period)).toEqual(['2020-S1']);
    expect(
      (await get('/plan/dashboard/activities/I.1.1.1?period=2024-S1', analyst).expect(200)).body.planId,
    ).toBe('2023-2027');

    const mismatch = await get('/plan/dashboard/matrix?period=2024-S1&plan=2017-2022', analyst).expect(422);
    expectBilingualError(mismatch.body, 'plan.period.outside_plan');
    expect(mismatch.body.details).toMatchObject({
      period: '2024-S1',
      planId: '2017-2022',
      first: '2017-S1',
      last: '2022-S2',
    });
    expectBilingualError(
      (await get('/plan/dashboard/activities/XVI.2.2.5?period=2024-S1', analyst).expect(404)).body,
      'plan.dashboard.unknown_activity',
    );
    expectBilingualError(
      (await get('/plan/dashboard/activities/I.1.1.1?plan=2099-2103', analyst).expect(404)).body,
      'plan.catalogue.not_found',
    );
    expectBilingualError(
      (await get('/plan/dashboard/matrix?period=2024-S1&plan=next', analyst).expect(400)).body,
      'plan.dashboard.invalid_plan',
    );
  });
});
