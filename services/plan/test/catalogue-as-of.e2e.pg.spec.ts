import { fixedClock } from '@crm/kernel';
import { expectBilingualError, startTestPlanService, type TestPlanService } from './support';

/**
 * `GET /plan/catalogue?asOf=<instant>` through HTTP on real PostgreSQL: the catalogue as it stood at an instant
 * (the catalogue stream's events recorded up to then), not today's. The fixed clock is the store's recorded time.
 */
describe('plan catalogue as of an instant (e2e, real PostgreSQL)', () => {
  const IMPORTED = '2020-07-10T12:00:00.000Z';
  const T = '2020-07-10T13:00:00Z';
  const AMENDED = '2020-07-10T14:00:00.000Z';
  const clock = fixedClock(IMPORTED);
  const activityId = 'I.1.1.1';
  let t: TestPlanService;
  let oldText: { es: string; en: string };
  let newText: { es: string; en: string };

  const catalogue = async (query: string, user = 'st.analyst') =>
    t
      .http()
      .get(`/plan/catalogue${query}`)
      .set('Authorization', await t.bearer(user));
  const textOf = (body: { catalogue: { activities: Array<{ id: string; text: unknown }> } }) =>
    body.catalogue.activities.find((a) => a.id === activityId)?.text;

  beforeAll(async () => {
    t = await startTestPlanService({ clock, prefix: 'plan_catalogue_as_of' });
    // the start-up import is recorded at IMPORTED; the reword is recorded two hours later, after T
    oldText = textOf((await catalogue('')).body) as { es: string; en: string };
    newText = { es: `${oldText.es} (revisado)`, en: `${oldText.en} (revised)` };
    clock.set(AMENDED);
    await t
      .http()
      .post('/plan/catalogue/amendments')
      .set('Authorization', await t.bearer('st.coordinator'))
      .send({ type: 'reword', activityId, text: newText, reason: { es: 'Acuerdo de la reunión de la Red.' } })
      .expect(200);
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('shows the old text and version at T, the new ones without asOf', async () => {
    const then = await catalogue(`?asOf=${T}`, 'unicef.observer');
    expect(then.status).toBe(200);
    expect(then.body).toMatchObject({
      planId: '2017-2022',
      version: 1,
      versionLabel: '2017-2022@1',
      currentVersion: 2,
      importedAt: IMPORTED,
    });
    expect(then.body.catalogue.activities).toHaveLength(96);
    expect(textOf(then.body)).toEqual(oldText);

    const now = await catalogue('');
    expect(now.body).toMatchObject({ version: 2, versionLabel: '2017-2022@2', currentVersion: 2 });
    expect(textOf(now.body)).toEqual(newText);
    expect(newText).not.toEqual(oldText);
  });

  it('includes an event recorded exactly at asOf, and accepts an offset time zone', async () => {
    expect(textOf((await catalogue(`?asOf=${AMENDED}`)).body)).toEqual(newText);
    const justBefore = await catalogue(`?asOf=${encodeURIComponent('2020-07-10T07:59:59.999-06:00')}`);
    expect(justBefore.body).toMatchObject({ version: 1 });
    expect(textOf(justBefore.body)).toEqual(oldText);
  });

  it('answers 404 (es/en) for an instant before the import', async () => {
    const before = await catalogue('?asOf=2020-07-10T11:59:59Z');
    expect(before.status).toBe(404);
    expectBilingualError(before.body, 'plan.catalogue.not_found');
  });

  it.each(['2020-07-10', '2020-07-10T13:00:00', 'yesterday', '2020-02-30T00:00:00Z', '2020-07-10T25:00:00Z'])(
    'answers 400 (es/en) for the bad instant %s',
    async (bad) => {
      const res = await catalogue(`?asOf=${encodeURIComponent(bad)}`);
      expect(res.status).toBe(400);
      expectBilingualError(res.body, 'plan.review.invalid_instant');
      expect(res.body.message.es).toMatch(/instante ISO 8601/);
      expect(res.body.message.en).toMatch(/ISO 8601 instant/);
    },
  );

  it('answers 400 (es/en) for version and asOf together', async () => {
    const res = await catalogue(`?version=1&asOf=${T}`);
    expect(res.status).toBe(400);
    expectBilingualError(res.body, 'plan.catalogue.version_and_as_of');
  });
});
