import type { TestService } from '@crm/service-testing';
import { expectBilingualError, startTestReferralsService } from './support';

/** The deadline-policy routes through the real service: token, operation rows, DTO, ETag / If-Match, errors. */
describe('PUT and GET /referrals/deadline-policies/:from/:to (real PostgreSQL, real identity service)', () => {
  let t: TestService;
  const path = '/referrals/deadline-policies/HN/GT';
  const policy = { acknowledgeWithinHours: 24, decideWithinHours: 72, withdrawalAcknowledgeWithinHours: 12 };
  beforeAll(async () => {
    t = await startTestReferralsService();
  });
  afterAll(() => t?.stop());

  it('the defaults for anyone who reads either country’s referrals and for the Secretariat; others 403', async () => {
    for (const user of ['hn.protection_case_worker', 'gt.consular_officer', 'st.analyst']) {
      const res = await t
        .http()
        .get(path)
        .set('Authorization', await t.bearer(user))
        .expect(200);
      expect(res.body).toMatchObject({ from: 'HN', to: 'GT', configured: false, revision: -1 });
      expect(res.body.policy).toEqual({
        acknowledgeWithinHours: 48,
        decideWithinHours: 168,
        withdrawalAcknowledgeWithinHours: 48,
      });
    }
    for (const user of ['cr.protection_case_worker', 'hn.reporting_officer']) {
      const res = await t
        .http()
        .get(path)
        .set('Authorization', await t.bearer(user))
        .expect(403);
      expectBilingualError(res.body, /^auth\.forbidden/);
    }
  });

  it('the Secretariat coordinator configures it (If-Match guards a change); the others are refused', async () => {
    const st = await t.bearer('st.coordinator');
    const put = await t.http().put(path).set('Authorization', st).send(policy).expect(200);
    expect(put.body).toMatchObject({ policy, configured: true, revision: 0 });
    const get = await t
      .http()
      .get(path)
      .set('Authorization', await t.bearer('gt.protection_case_worker'));
    expect(get.headers.etag).toBe('"0"');
    expect(get.body.policy).toEqual(policy);

    const changed = { ...policy, decideWithinHours: 96 };
    await t.http().put(path).set('Authorization', st).set('If-Match', '"0"').send(changed).expect(200);
    const stale = await t
      .http()
      .put(path)
      .set('Authorization', st)
      .set('If-Match', '"0"')
      .send({ ...changed, acknowledgeWithinHours: 36 });
    expect(stale.status).toBe(412);
    expectBilingualError(stale.body, 'command.stale_revision');

    for (const user of ['st.analyst', 'hn.protection_case_worker']) {
      const res = await t
        .http()
        .put(path)
        .set('Authorization', await t.bearer(user))
        .send(policy)
        .expect(403);
      expectBilingualError(res.body, /forbidden/);
    }
    expect(await t.revisions('referralDeadlinePolicy-HN-GT')).toEqual([0, 1]);
  });

  it('400 for a body or path the DTO refuses, 422 for the rules of the domain', async () => {
    const st = await t.bearer('st.coordinator');
    const bad = await t
      .http()
      .put(path)
      .set('Authorization', st)
      .send({ ...policy, decideWithinHours: '72' });
    expect(bad.status).toBe(400);
    await t
      .http()
      .put('/referrals/deadline-policies/HN/XX')
      .set('Authorization', st)
      .send(policy)
      .expect(400);
    const rule = await t
      .http()
      .put('/referrals/deadline-policies/MX/US')
      .set('Authorization', st)
      .send({ ...policy, acknowledgeWithinHours: 1000 })
      .expect(422);
    expectBilingualError(rule.body, 'referral_deadline_policy.invalid_hours');
    const same = await t
      .http()
      .put('/referrals/deadline-policies/HN/HN')
      .set('Authorization', st)
      .send(policy)
      .expect(422);
    expectBilingualError(same.body, 'referral_deadline_policy.invalid_pair');
  });
});
