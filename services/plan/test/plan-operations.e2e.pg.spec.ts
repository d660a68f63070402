import { fixedClock } from '@crm/kernel';
import { DEFAULT_FEATURES } from '../src/bootstrap';
import { DRAFT, expectBilingualError, startTestPlanService, type TestPlanService } from './support';

/**
 * The service kit's HTTP rules and operations on the plan service as production runs it (read models, review,
 * integration): body limit, revision ETag, Idempotency-Key reuse, login rate limit, readiness, metrics.
 */
describe('plan service operations (e2e, real PostgreSQL)', () => {
  const clock = fixedClock('2020-07-10T12:00:00.000Z');
  let t: TestPlanService;

  beforeAll(async () => {
    t = await startTestPlanService({ clock, features: DEFAULT_FEATURES, prefix: 'plan_ops' });
  });
  afterAll(async () => {
    await t?.stop();
  });

  const url = (activity: string) => `/plan/reports/HN/${activity}/2020-S1`;
  const stream = (activity: string) => `planReport-HN-${activity}-2020-S1`;

  it('answers 413 (es/en) to a 3 MB draft and stores nothing', async () => {
    const res = await t
      .http()
      .put(url('I.1.1.1'))
      .set('Authorization', await t.bearer('hn.reporting_officer'))
      .send({ ...DRAFT, narrative: { es: 'x'.repeat(3 * 1024 * 1024) } })
      .expect(413);
    expectBilingualError(res.body, 'http.body_too_large');
    expect(await t.revisions(stream('I.1.1.1'))).toEqual([]);
  });

  it('answers a report GET with ETag "<revision>" and 304 for If-None-Match', async () => {
    const hn = await t.bearer('hn.reporting_officer');
    await t.http().put(url('I.1.1.2')).set('Authorization', hn).send(DRAFT).expect(200);
    await t
      .http()
      .post(`${url('I.1.1.2')}/submit`)
      .set('Authorization', hn)
      .expect(200);
    const read = await t.http().get(url('I.1.1.2')).set('Authorization', hn).expect(200);
    expect(read.body.revision).toBe(1);
    expect(read.headers.etag).toBe('"1"');
    await t.http().get(url('I.1.1.2')).set('Authorization', hn).set('If-None-Match', '"1"').expect(304);
  });

  it('takes the ETag back as If-Match: the current revision saves, a stale one is 412 (es/en) and stores nothing', async () => {
    const hn = await t.bearer('hn.reporting_officer');
    await t.http().put(url('I.1.1.4')).set('Authorization', hn).send(DRAFT).expect(200);
    const read = await t.http().get(url('I.1.1.4')).set('Authorization', hn).expect(200);
    const etag = read.headers.etag as string;
    expect(etag).toBe('"0"');
    const edit = { ...DRAFT, status: 'completed' };
    await t.http().put(url('I.1.1.4')).set('Authorization', hn).set('If-Match', etag).send(edit).expect(200);
    expect(await t.revisions(stream('I.1.1.4'))).toEqual([0, 1]);
    const stale = await t
      .http()
      .put(url('I.1.1.4'))
      .set('Authorization', hn)
      .set('If-Match', etag)
      .send({ ...DRAFT, status: 'not_started' })
      .expect(412);
    expectBilingualError(stale.body, 'command.stale_revision');
    expect(await t.revisions(stream('I.1.1.4'))).toEqual([0, 1]);
  });

  it('answers 422 (es/en) to an Idempotency-Key reused with another draft, and stores nothing', async () => {
    const hn = await t.bearer('hn.reporting_officer');
    const put = (body: object) =>
      t.http().put(url('I.1.1.3')).set('Authorization', hn).set('Idempotency-Key', 'ops-draft-1').send(body);
    const first = await put(DRAFT).expect(200);
    expect((await put(DRAFT).expect(200)).body).toEqual(first.body);
    const reused = await put({ ...DRAFT, status: 'completed' }).expect(422);
    expectBilingualError(reused.body, 'http.idempotency_key_reused');
    expect(await t.revisions(stream('I.1.1.3'))).toEqual([0]);
  });

  it('is ready with its dashboard projection and relay as lag sources, and exposes their series', async () => {
    const ready = await t.http().get('/health/ready').expect(200);
    expect(Object.keys(ready.body.details).sort()).toEqual(
      ['bus', 'database', 'projection:plan.dashboard', 'relay:plan-integration-events'].sort(),
    );
    const metrics = (await t.http().get('/metrics').expect(200)).text;
    expect(metrics).toMatch(/route="\/plan\/reports\/:country\/:activityId\/:period"/);
    expect(metrics).toMatch(/crm_events_appended_total\{category="planReport",service="plan"\} [1-9]/);
    expect(metrics).toMatch(/crm_projection_lag_events\{projection="plan.dashboard",service="plan"\} \d+/);
    expect(metrics).toMatch(/crm_relay_lag_events\{relay="plan-integration-events",service="plan"\} \d+/);
    expect(metrics).not.toMatch(/route="\/plan\/reports\/HN/);
  });
});
