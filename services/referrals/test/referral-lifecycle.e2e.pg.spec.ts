import { fixedClock } from '@crm/kernel';
import { piiAccessStream } from '@crm/pii';
import type { TestService } from '@crm/service-testing';
import { ConsentProcessModule } from '../src/consent-process/consent-process.module';
import { referralStreamName } from '../src/referrals/domain';
import { DRAFT } from '../src/referrals/testing/referral-paths';
import { consentScope, NOW, REFERRAL_ID } from '../src/referrals/testing/seed';
import { INSTITUTION, registerCase, registerInstitution, uniqueChild } from './cases-support';
import { expectBilingualError, startTestReferralsService } from './support';

/**
 * A referral's whole life through HTTP on the real service (real PostgreSQL, real identity service, the kit's
 * guards, audit and error filter, the consent process): the directory, Mexico's case and the child's consent are
 * set up through their own routes; Mexico's protection institution drafts and sends the case to Honduras';
 * Honduras acknowledges, reads what it may see of the case, accepts and reports a follow-up; the child withdraws
 * the consent, Honduras is notified, acknowledges and sees the data no more; Honduras closes. Guatemala (a third
 * country) and the Secretariat are refused at every step where they have no business; the Secretariat reads the
 * status view only.
 */
describe('referral lifecycle over HTTP (e2e, real PostgreSQL)', () => {
  let t: TestService;
  const base = '/referrals/referrals';
  const path = (action = '') => `${base}/${REFERRAL_ID}${action}`;
  const stream = referralStreamName(REFERRAL_ID);
  const NOTE = 'La niña se reunió con su tía en San Pedro Sula; sigue en terapia.';
  const { child, strings } = uniqueChild();
  let caseId: string;
  let draft: typeof DRAFT;
  let MX: string;
  let HN: string;
  let HN_SYSTEM: string;
  let GT: string;
  let ST: string;

  beforeAll(async () => {
    t = await startTestReferralsService({ clock: fixedClock(NOW), features: [ConsentProcessModule] });
    [MX, HN, HN_SYSTEM, GT, ST] = await Promise.all(
      [
        'mx.protection_case_worker',
        'hn.protection_case_worker',
        'hn.national_system',
        'gt.protection_case_worker',
        'st.coordinator',
      ].map((u) => t.bearer(u)),
    );
  });
  afterAll(() => t?.stop());

  it('the directory, the case and the child’s consent through their own routes', async () => {
    await registerInstitution(t);
    await t
      .http()
      .post('/referrals/institutions')
      .set('Authorization', await t.bearer('hn.protection_supervisor'))
      .send({
        ...INSTITUTION,
        institutionId: 'HN-PROTECCION',
        country: 'HN',
        intake: { ...INSTITUTION.intake, focalPointId: 'fp-hn-intake' },
        backup: { ...INSTITUTION.backup, focalPointId: 'fp-hn-backup' },
      })
      .expect(201);
    caseId = (await registerCase(t, child)).caseId;
    draft = { ...DRAFT, caseId };
    await t
      .http()
      .post(`/referrals/cases/${caseId}/consents`)
      .set('Authorization', MX)
      .send({ consentId: 'consent-1', givenBy: 'child', form: 'consent', scope: consentScope() })
      .expect(200);
  });

  /** Every step of the story, in order (each `it` continues where the previous one left the referral). */
  it('Mexico drafts the referral (201); the same Idempotency-Key again records nothing', async () => {
    const res = await t
      .http()
      .post(base)
      .set('Authorization', MX)
      .set('Idempotency-Key', 'draft-1')
      .send(draft)
      .expect(201);
    expect(res.body).toMatchObject({ referralId: REFERRAL_ID, status: 'draft', side: 'sender', revision: 0 });
    await t
      .http()
      .post(base)
      .set('Authorization', MX)
      .set('Idempotency-Key', 'draft-1')
      .send(draft)
      .expect(201);
    expect(await t.revisions(stream)).toEqual([0]);
  });

  it('Guatemala may not touch it (403, audited); an unknown field in the body is 400', async () => {
    const res = await t.http().get(path()).set('Authorization', GT).expect(403);
    expectBilingualError(res.body, 'auth.forbidden.other_country');
    await t.http().post(path('/send')).set('Authorization', GT).send({}).expect(403);
    const denials = await t.denials();
    expect(denials.map((d) => [d.country, d.operation])).toEqual([
      ['GT', 'referrals.referral.read'],
      ['GT', 'referrals.referral.act'],
    ]);
    await t
      .http()
      .post(path('/send'))
      .set('Authorization', MX)
      .send({ consent: { kind: 'consent' } })
      .expect(400);
    expect(await t.revisions(stream)).toEqual([0]);
  });

  it('Mexico sends it: the basis comes from the case’s consent, the deadlines from the policy', async () => {
    const res = await t.http().post(path('/send')).set('Authorization', MX).send({}).expect(200);
    expect(res.body).toMatchObject({
      status: 'requested',
      basis: 'consent',
      sharedCategories: ['identity', 'family', 'health'],
      deadlines: { acknowledge: { dueAt: '2020-07-03T12:00:00.000Z' } },
    });
    const read = await t.http().get(path()).set('Authorization', MX).expect(200);
    expect(read.headers.etag).toBe('"1"');
  });

  it('the Secretariat reads the status view only, and may neither act nor see the case (403)', async () => {
    const res = await t.http().get(path()).set('Authorization', ST).expect(200);
    expect(res.body).toMatchObject({ status: 'requested', from: draft.from, to: draft.to });
    expect(res.body).not.toHaveProperty('caseId');
    expect(res.body).not.toHaveProperty('sharedCategories');
    expectBilingualError(
      (await t.http().post(path('/acknowledge')).set('Authorization', ST).send({}).expect(403)).body,
      'auth.forbidden.role_not_permitted',
    );
    await t.http().get(path('/disclosed-view?purpose=psychosocial')).set('Authorization', ST).expect(403);
  });

  it('Honduras acknowledges, then reads the disclosed view: the disclosed fields revealed, the view logged', async () => {
    await t.http().post(path('/acknowledge')).set('Authorization', HN).send({}).expect(200);
    const res = await t
      .http()
      .get(path('/disclosed-view?purpose=psychosocial'))
      .set('Authorization', HN)
      .expect(200);
    expect(res.body.categories).toMatchObject({
      identity: { status: 'disclosed' },
      narrative: { status: 'withheld' },
    });
    expect(res.body.identifying).toEqual({
      givenNames: child.givenNames,
      familyNames: child.familyNames,
      dateOfBirth: child.dateOfBirth,
      familyContacts: child.familyContacts,
    });
    expect(JSON.stringify(res.body)).not.toContain(child.notes);
    const log = await t.service.platform.store.readStream(piiAccessStream(caseId));
    expect(log.map((e) => (e.data as { viewer: { subject: string } }).viewer.subject)).toEqual([
      'dev|hn.protection_case_worker',
    ]);
    expectBilingualError(
      (await t.http().get(path('/disclosed-view?purpose=education')).set('Authorization', HN).expect(422))
        .body,
      'referral.invalid_purpose',
    );
    await t.http().get(path('/disclosed-view')).set('Authorization', HN).expect(400);
  });

  it('Honduras’ national system accepts with If-Match; a stale If-Match is 412', async () => {
    const current = await t.http().get(path()).set('Authorization', HN_SYSTEM).expect(200);
    await t
      .http()
      .post(path('/accept'))
      .set('Authorization', HN_SYSTEM)
      .set('If-Match', `"${current.body.revision - 1}"`)
      .send({})
      .expect(412);
    const res = await t
      .http()
      .post(path('/accept'))
      .set('Authorization', HN_SYSTEM)
      .set('If-Match', `"${current.body.revision}"`)
      .send({})
      .expect(200);
    expect(res.body).toMatchObject({ status: 'accepted', fhirStatus: 'accepted' });
  });

  it('Honduras reports a follow-up: in progress; its note is stored encrypted, never in clear', async () => {
    const res = await t
      .http()
      .post(path('/follow-ups'))
      .set('Authorization', HN)
      .send({ followUpId: 'visit-1', services: ['psychosocial'], status: 'provided', note: NOTE })
      .expect(200);
    expect(res.body).toMatchObject({
      status: 'in_progress',
      followUps: [expect.objectContaining({ hasNote: true })],
    });
    const events = await t.service.platform.store.readStream(stream);
    expect(JSON.stringify(events.map((e) => e.data))).not.toContain('San Pedro Sula');
    const reported = events.at(-1)!.data as { note: { subject: string; fields: { text: { ct: string } } } };
    expect(reported.note.subject).toBe(`child-${caseId}`);
    expect(reported.note.fields.text.ct).toEqual(expect.any(String));
  });

  it('the child withdraws the consent: Honduras is notified, acknowledges, and its view refuses the data', async () => {
    await t
      .http()
      .post(`/referrals/cases/${caseId}/consents/consent-1/withdraw`)
      .set('Authorization', MX)
      .send({ reason: 'child_request' })
      .expect(200);
    const deadline = Date.now() + 10_000;
    let view = await t.http().get(path()).set('Authorization', HN).expect(200);
    while (view.body.pendingWithdrawals.length === 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      view = await t.http().get(path()).set('Authorization', HN).expect(200);
    }
    expect(view.body).toMatchObject({
      withdrawnCategories: ['identity', 'family', 'health'],
      pendingWithdrawals: [
        expect.objectContaining({ consentId: 'consent-1', acknowledgeBy: '2020-07-03T12:00:00.000Z' }),
      ],
      allowedActions: expect.arrayContaining(['AcknowledgeConsentWithdrawal']),
    });
    await t
      .http()
      .post(path('/consent-withdrawals/acknowledge'))
      .set('Authorization', MX)
      .send({})
      .expect(403);
    const acknowledged = await t
      .http()
      .post(path('/consent-withdrawals/acknowledge'))
      .set('Authorization', HN)
      .send({})
      .expect(200);
    expect(acknowledged.body.pendingWithdrawals).toEqual([]);
    const disclosed = await t
      .http()
      .get(path('/disclosed-view?purpose=psychosocial'))
      .set('Authorization', HN)
      .expect(200);
    expect(disclosed.body.categories).toMatchObject({
      identity: { status: 'withdrawn' },
      family: { status: 'withdrawn' },
      health: { status: 'withdrawn' },
    });
    expect(disclosed.body.identifying).toEqual({});
    for (const text of strings) expect(JSON.stringify(disclosed.body)).not.toContain(text);
  });

  it('Mexico may not close it (403); Guatemala neither; Honduras closes it (completed), and a second close is 409', async () => {
    expectBilingualError(
      (
        await t
          .http()
          .post(path('/close'))
          .set('Authorization', MX)
          .send({ outcome: 'reunified' })
          .expect(403)
      ).body,
      'referral.wrong_side',
    );
    await t.http().post(path('/close')).set('Authorization', GT).send({ outcome: 'reunified' }).expect(403);
    const res = await t
      .http()
      .post(path('/close'))
      .set('Authorization', HN)
      .send({ outcome: 'reunified' })
      .expect(200);
    expect(res.body).toMatchObject({
      status: 'completed',
      fhirStatus: 'completed',
      outcome: 'reunified',
      allowedActions: [],
    });
    expectBilingualError(
      (
        await t
          .http()
          .post(path('/close'))
          .set('Authorization', HN)
          .send({ outcome: 'reunified' })
          .expect(409)
      ).body,
      'referral.invalid_transition',
    );
    const asSender = await t.http().get(path()).set('Authorization', MX).expect(200);
    expect(asSender.body).toMatchObject({ status: 'completed', side: 'sender' });
    expect((await t.service.platform.store.readStream(stream)).map((e) => e.type)).toEqual([
      'ReferralDrafted',
      'ReferralSent',
      'ReferralAcknowledged',
      'ReferralAccepted',
      'ReferralStarted',
      'FollowUpReported',
      'ConsentWithdrawalNotified',
      'ConsentWithdrawalAcknowledged',
      'ReferralCompleted',
    ]);
  });
});
