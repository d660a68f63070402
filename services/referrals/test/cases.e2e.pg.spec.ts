import { verifyStream } from '@crm/event-store';
import type { TestService } from '@crm/service-testing';
import { INSTITUTION, registerCase, registerInstitution, uniqueChild } from './cases-support';
import { expectBilingualError, startTestReferralsService } from './support';

/**
 * The directory and a child's case over HTTP, on the real service (real PostgreSQL, real identity service,
 * the kit's personal-data protector with its PostgreSQL key store): register → view → reveal (access-log row)
 * → the handling supervisor reads the log → another country's official 403 → the Secretariat gets no
 * identifying data → erasure → every view shows the child erased, the history still verifies.
 */
describe('institutions directory and cases over HTTP (real PostgreSQL, real identity service)', () => {
  let t: TestService;
  const as = (user: string) => t.bearer(user);
  beforeAll(async () => {
    t = await startTestReferralsService({ prefix: 'referrals_cases_http' });
  });
  afterAll(() => t?.stop());

  it('the directory: register, list, one entry, the stale list, contacts revealed with a purpose only', async () => {
    await registerInstitution(t);
    const list = await t
      .http()
      .get('/referrals/institutions?country=MX')
      .set('Authorization', await as('st.analyst'))
      .expect(200);
    expect(list.body.institutions.map((i: any) => [i.institutionId, i.status, i.version])).toEqual([
      ['MX-PROTECCION', 'active', 1],
    ]);
    const entry = await t
      .http()
      .get('/referrals/institutions/MX-PROTECCION')
      .set('Authorization', await as('gt.consular_officer'))
      .expect(200);
    expect(entry.headers.etag).toBe('"0"');
    expect(JSON.stringify(entry.body)).not.toMatch(/Ana Sofía|aramirez|5555/);
    const stale = await t
      .http()
      .get('/referrals/institutions/stale?maxAgeDays=1')
      .set('Authorization', await as('st.coordinator'))
      .expect(200);
    expect(stale.body.institutions.map((i: any) => i.institutionId)).toEqual(['MX-PROTECCION']);

    const contacts = await t
      .http()
      .get('/referrals/institutions/MX-PROTECCION/contacts')
      .query({ purpose: 'Enviar la referencia de un caso' })
      .set('Authorization', await as('gt.protection_case_worker'))
      .expect(200);
    expect(contacts.headers['cache-control']).toBe('no-store');
    expect(contacts.body.focalPoints[0].contact).toEqual(INSTITUTION.intake.contact);
    expect(await t.revisions('piiAccess-MX-PROTECCION')).toEqual([0, 1]);
    const noPurpose = await t
      .http()
      .get('/referrals/institutions/MX-PROTECCION/contacts')
      .set('Authorization', await as('gt.protection_case_worker'))
      .expect(400);
    expectBilingualError(noPurpose.body, 'pii.validation.purpose_required');
    const secretariat = await t
      .http()
      .get('/referrals/institutions/MX-PROTECCION/contacts?purpose=Revisar%20el%20directorio')
      .set('Authorization', await as('st.coordinator'))
      .expect(403);
    expectBilingualError(secretariat.body, 'auth.forbidden.role_not_permitted');
    const stranger = await t
      .http()
      .post('/referrals/institutions')
      .set('Authorization', await as('gt.protection_supervisor'))
      .send(INSTITUTION)
      .expect(403);
    expectBilingualError(stranger.body, 'auth.forbidden.other_country');
    const unknownField = await t
      .http()
      .post('/referrals/institutions')
      .set('Authorization', await as('mx.protection_supervisor'))
      .send({ ...INSTITUTION, institutionId: 'MX-OTRA', website: 'x' })
      .expect(400);
    expectBilingualError(unknownField.body, 'request.validation');
  });

  it('a case: register → view → reveal → the supervisor reads the log → others 403 → erasure → erased everywhere', async () => {
    const { child, strings } = uniqueChild();
    const registered = await registerCase(t, child);
    const caseId: string = registered.caseId;
    expect(caseId).toMatch(/^MX-/);
    for (const s of strings) expect(JSON.stringify(registered)).not.toContain(s);

    // the owning country's view: indicators, which identifying fields are on file, no value
    const view = await t
      .http()
      .get(`/referrals/cases/${caseId}`)
      .set('Authorization', await as('mx.protection_supervisor'))
      .expect(200);
    expect(view.body).toMatchObject({
      caseId,
      status: 'open',
      institutionId: 'MX-PROTECCION',
      indicators: { ageBand: '15-17' },
    });
    expect(view.body.identifying).toEqual({
      fields: ['givenNames', 'familyNames', 'dateOfBirth', 'familyContacts', 'notes'],
      erased: false,
    });
    for (const s of strings) expect(JSON.stringify(view.body)).not.toContain(s);

    // the case worker reveals, with a purpose: one access-log row
    const purpose = 'Preparar la entrevista de búsqueda de familia';
    const revealed = await t
      .http()
      .get(`/referrals/cases/${caseId}/identifying`)
      .query({ purpose })
      .set('Authorization', await as('mx.protection_case_worker'))
      .expect(200);
    expect(revealed.headers['cache-control']).toBe('no-store');
    expect(revealed.body).toMatchObject({ caseId, purpose, erased: false, fields: child });
    const rows = await t.pool.query(
      'SELECT type, data FROM event_store.events WHERE stream_name = $1 ORDER BY revision',
      [`piiAccess-${caseId}`],
    );
    expect(rows.rows).toEqual([
      {
        type: 'PersonalDataViewed',
        data: expect.objectContaining({
          purpose,
          outcome: 'revealed',
          viewer: expect.objectContaining({
            subject: 'dev|mx.protection_case_worker',
            institution: 'MX/PROTECCION',
          }),
        }),
      },
    ]);

    // the supervisor of the handling institution reads the log
    const log = await t
      .http()
      .get(`/referrals/cases/${caseId}/access-log`)
      .set('Authorization', await as('mx.protection_supervisor'))
      .expect(200);
    expect(log.body).toMatchObject({ caseId, institutionId: 'MX-PROTECCION', verified: true, erasure: null });
    expect(log.body.entries.map((e: any) => [e.viewer.subject, e.purpose, e.outcome])).toEqual([
      ['dev|mx.protection_case_worker', purpose, 'revealed'],
    ]);
    const workerLog = await t
      .http()
      .get(`/referrals/cases/${caseId}/access-log`)
      .set('Authorization', await as('mx.protection_case_worker'))
      .expect(403);
    expectBilingualError(workerLog.body, 'auth.forbidden.role_not_permitted');

    // another country's officials: 403 on the case, its identifying data and its log (each denial audited)
    const before = (await t.denials()).length;
    for (const [user, path] of [
      ['gt.protection_case_worker', `/referrals/cases/${caseId}`],
      [
        'gt.protection_case_worker',
        `/referrals/cases/${caseId}/identifying?purpose=${encodeURIComponent(purpose)}`,
      ],
      ['gt.protection_supervisor', `/referrals/cases/${caseId}/access-log`],
    ]) {
      const denied = await t
        .http()
        .get(path)
        .set('Authorization', await as(user))
        .expect(403);
      expectBilingualError(denied.body, 'auth.forbidden.other_country');
    }
    // the Secretariat gets no identifying data (nor the case)
    for (const path of [
      `/referrals/cases/${caseId}/identifying?purpose=${encodeURIComponent('Revisión regional')}`,
      `/referrals/cases/${caseId}`,
    ]) {
      const denied = await t
        .http()
        .get(path)
        .set('Authorization', await as('st.coordinator'))
        .expect(403);
      expectBilingualError(denied.body, 'auth.forbidden.role_not_permitted');
      for (const s of strings) expect(JSON.stringify(denied.body)).not.toContain(s);
    }
    expect((await t.denials()).length - before).toBe(5);
    expect(await t.revisions(`piiAccess-${caseId}`)).toEqual([0]);

    // erasure: the supervisor may not, the case worker does; a second time: already_erased
    const history = await t.service.platform.store.readStream(`referralCase-${caseId}`);
    await t
      .http()
      .post(`/referrals/cases/${caseId}/erasure`)
      .set('Authorization', await as('mx.protection_supervisor'))
      .send({ reason: 'Solicitud SUP-MX-2020-11' })
      .expect(403);
    const noReason = await t
      .http()
      .post(`/referrals/cases/${caseId}/erasure`)
      .set('Authorization', await as('mx.protection_case_worker'))
      .send({ reason: '' })
      .expect(400);
    expectBilingualError(noReason.body, 'pii.validation.reason_required');
    const erased = await t
      .http()
      .post(`/referrals/cases/${caseId}/erasure`)
      .set('Authorization', await as('mx.protection_case_worker'))
      .send({ reason: 'Solicitud de supresión SUP-MX-2020-11' })
      .expect(200);
    expect(erased.body).toMatchObject({ caseId, subjectId: `child-${caseId}`, outcome: 'erased' });

    // every view shows the child as erased
    const afterView = await t
      .http()
      .get(`/referrals/cases/${caseId}`)
      .set('Authorization', await as('mx.protection_case_worker'))
      .expect(200);
    expect(afterView.body.identifying.erased).toBe(true);
    const afterReveal = await t
      .http()
      .get(`/referrals/cases/${caseId}/identifying`)
      .query({ purpose: 'Comprobar el borrado' })
      .set('Authorization', await as('mx.protection_case_worker'))
      .expect(200);
    expect(afterReveal.body.erased).toBe(true);
    for (const field of Object.keys(child)) expect(afterReveal.body.fields[field]).toEqual({ erased: true });
    const afterLog = await t
      .http()
      .get(`/referrals/cases/${caseId}/access-log`)
      .set('Authorization', await as('mx.protection_supervisor'))
      .expect(200);
    expect(afterLog.body.entries.map((e: any) => e.outcome)).toEqual(['revealed', 'erased']);
    expect(afterLog.body.erasure).toMatchObject({
      reason: 'Solicitud de supresión SUP-MX-2020-11',
      erasedBy: { subject: 'dev|mx.protection_case_worker' },
    });

    // nothing new can be encrypted under the child; the history is unchanged and still verifies
    const correct = await t
      .http()
      .patch(`/referrals/cases/${caseId}/identifying`)
      .set('Authorization', await as('mx.protection_case_worker'))
      .send({ identifying: { givenNames: 'Otra' } })
      .expect(409);
    expectBilingualError(correct.body, 'pii.subject_erased');
    const store = t.service.platform.store;
    const now = await store.readStream(`referralCase-${caseId}`);
    expect(now).toEqual(history);
    expect(verifyStream(now, await store.readStreamHead(`referralCase-${caseId}`))).toMatchObject({
      ok: true,
    });
    expect(verifyStream(await store.readStream(`piiAccess-${caseId}`))).toMatchObject({
      ok: true,
      checked: 2,
    });
  });
});
