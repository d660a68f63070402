import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  decodeJwt,
  generateKeyPair,
  importJWK,
  SignJWT,
  type JWK,
  type JWTPayload,
  type KeyLike,
} from 'jose';
import { CommandBus } from '@nestjs/cqrs';
import { fixedClock } from '@crm/kernel';
import { DEFAULT_FEATURES } from '../src/bootstrap';
import { SaveDraftCommand } from '../src/reports/commands/save-draft/save-draft.command';
import { DRAFT, expectBilingualError, startTestPlanService, type TestPlanService } from './support';

/**
 * The plan service through HTTP, started with startPlanService on real PostgreSQL with every feature module
 * (read models, review, integration), as production runs it. The clock is fixed inside
 * the 2020-S1 default window (1-31 July 2020) so submissions of 2020-S1 are on time.
 */
describe('plan service HTTP API (e2e, real PostgreSQL)', () => {
  const clock = fixedClock('2020-07-10T12:00:00.000Z');
  let t: TestPlanService;

  beforeAll(async () => {
    t = await startTestPlanService({ clock, features: DEFAULT_FEATURES });
  });
  afterAll(async () => {
    await t?.stop();
  });

  const url = (country: string, activity: string, period = '2020-S1') =>
    `/plan/reports/${country}/${activity}/${period}`;
  const stream = (country: string, activity: string, period = '2020-S1') =>
    `planReport-${country}-${activity}-${period}`;

  /** A login at the identity service, as a user does it; the plan service only verifies the token. */
  async function login(username: string): Promise<string> {
    const res = await t.identity.login(username);
    expect(res.status).toBe(200);
    expect(res.body.tokenType).toBe('Bearer');
    return `Bearer ${res.body.accessToken}`;
  }

  it("serves health without a token; the login and the JWKS are the identity service's, not the plan's", async () => {
    await t.http().get('/health').expect(200, { status: 'ok', service: 'plan' });
    await t
      .http()
      .post('/auth/login')
      .send({ username: 'hn.reporting_officer', password: 'demo' })
      .expect(404);
    await t.http().get('/.well-known/jwks.json').expect(404);
    expect((await t.identity.login('hn.reporting_officer', 'wrong')).status).toBe(401);
  });

  it('imported the 2017-2022 catalogue at start-up (version 1, 96 activities) and does not import it twice', async () => {
    const auth = await t.bearer('unicef.observer');
    const res = await t.http().get('/plan/catalogue').set('Authorization', auth).expect(200);
    expect(res.body).toMatchObject({
      planId: '2017-2022',
      version: 1,
      versionLabel: '2017-2022@1',
      currentVersion: 1,
    });
    expect(res.body.catalogue.activities).toHaveLength(96);
    expect(await t.revisions('planCatalogue-2017-2022')).toEqual([0]);
    const { ensureCatalogueImported } = await import('../src/bootstrap');
    const { PLAN_2017_2022_FILE } = await import('../catalogue/load');
    await ensureCatalogueImported(
      t.service.app.get(CommandBus),
      t.service.platform.store,
      PLAN_2017_2022_FILE,
      () => undefined,
    );
    expect(await t.revisions('planCatalogue-2017-2022')).toEqual([0]);
  });

  it('runs the whole workflow: draft → submit → return → resubmit → approve → reopen → resubmit → approve', async () => {
    const hn = await login('hn.reporting_officer');
    const st = await login('st.coordinator');
    const r = url('HN', 'I.1.1.1');

    const drafted = await t.http().put(r).set('Authorization', hn).send(DRAFT).expect(200);
    expect(drafted.body).toMatchObject({
      workflow: 'draft',
      status: 'in_progress',
      catalogueVersion: '2017-2022@1',
      revision: 0,
    });
    const submitted = await t.http().post(`${r}/submit`).set('Authorization', hn).expect(200);
    expect(submitted.body).toMatchObject({
      workflow: 'submitted',
      late: false,
      submission: { late: false, window: { period: '2020-S1' } },
    });

    const returned = await t
      .http()
      .post(`${r}/return`)
      .set('Authorization', st)
      .send({ comments: { es: 'Adjunte la lista de asistencia.' } })
      .expect(200);
    expect(returned.body).toMatchObject({
      workflow: 'returned',
      returnComments: { es: 'Adjunte la lista de asistencia.' },
    });

    clock.advance(24 * 3600_000);
    await t
      .http()
      .put(r)
      .set('Authorization', hn)
      .send({ ...DRAFT, evidence: [...DRAFT.evidence, 'https://example.org/asistencia.pdf'] })
      .expect(200);
    await t.http().post(`${r}/submit`).set('Authorization', hn).expect(200);
    const approved = await t
      .http()
      .post(`${r}/approve`)
      .set('Authorization', st)
      .send({ comments: { en: 'Thank you.' } })
      .expect(200);
    expect(approved.body).toMatchObject({
      workflow: 'approved',
      versions: [{ version: 1 }],
      changedAfterApproval: false,
    });

    const reopened = await t
      .http()
      .post(`${r}/reopen`)
      .set('Authorization', st)
      .send({ reason: { es: 'El ministerio corrigió las cifras.' } })
      .expect(200);
    expect(reopened.body).toMatchObject({
      workflow: 'draft',
      changedAfterApproval: true,
      reopenReason: { es: 'El ministerio corrigió las cifras.' },
    });
    await t
      .http()
      .put(r)
      .set('Authorization', hn)
      .send({ ...DRAFT, status: 'completed' })
      .expect(200);
    await t.http().post(`${r}/submit`).set('Authorization', hn).expect(200);
    await t.http().post(`${r}/approve`).set('Authorization', st).send({}).expect(200);

    const view = await t.http().get(r).set('Authorization', hn).expect(200);
    expect(view.body).toMatchObject({
      workflow: 'approved',
      status: 'completed',
      changedAfterApproval: true,
      late: false,
    });
    expect(
      view.body.versions.map((v: { version: number; content: { status: string } }) => [
        v.version,
        v.content.status,
      ]),
    ).toEqual([
      [1, 'in_progress'],
      [2, 'completed'],
    ]);
    expect(view.body.versions[0].content.evidence).toHaveLength(2);
    const events = await t.service.platform.store.readStream(stream('HN', 'I.1.1.1'));
    expect(events.map((e) => e.type)).toEqual([
      'ReportDrafted',
      'ReportSubmitted',
      'ReportReturned',
      'ReportDrafted',
      'ReportSubmitted',
      'ReportApproved',
      'ReportReopened',
      'ReportDrafted',
      'ReportSubmitted',
      'ReportApproved',
    ]);
    expect(events[0].metadata.actor).toEqual({
      subject: 'dev|hn.reporting_officer',
      role: 'reporting_officer',
      country: 'HN',
      institution: 'HN/MRE',
    });
    expect(events[2].metadata.actor).toEqual({
      subject: 'dev|st.coordinator',
      role: 'secretariat_coordinator',
      country: 'ST',
      institution: 'ST-CRM',
    });
    expect(events.every((e) => e.metadata.countries.length === 1 && e.metadata.countries[0] === 'HN')).toBe(
      true,
    );
    // the Secretariat analyst reads it too
    await t
      .http()
      .get(r)
      .set('Authorization', await login('st.analyst'))
      .expect(200);
  });

  describe('every invalid transition is a 409 with es/en text and stores nothing', () => {
    type Cmd = 'save' | 'submit' | 'approve' | 'return' | 'reopen';
    // From docs/plan-reports.md (workflow table): the commands each state refuses.
    const REFUSED: Record<string, Cmd[]> = {
      none: ['submit', 'approve', 'return', 'reopen'],
      draft: ['approve', 'return', 'reopen'],
      submitted: ['save', 'submit', 'reopen'],
      approved: ['save', 'submit', 'approve', 'return'],
      returned: ['approve', 'return', 'reopen'],
    };
    // How to bring a fresh report into each state.
    const PATH_TO: Record<string, Cmd[]> = {
      none: [],
      draft: ['save'],
      submitted: ['save', 'submit'],
      approved: ['save', 'submit', 'approve'],
      returned: ['save', 'submit', 'return'],
    };
    const ACTIVITY: Record<string, string> = {
      none: 'I.1.1.2',
      draft: 'I.1.1.3',
      submitted: 'I.1.1.4',
      approved: 'I.2.2.1',
      returned: 'II.1.1.1',
    };

    async function send(cmd: Cmd, r: string) {
      const hn = await t.bearer('hn.reporting_officer');
      const st = await t.bearer('st.coordinator');
      switch (cmd) {
        case 'save':
          return t.http().put(r).set('Authorization', hn).send(DRAFT);
        case 'submit':
          return t.http().post(`${r}/submit`).set('Authorization', hn);
        case 'approve':
          return t.http().post(`${r}/approve`).set('Authorization', st).send({});
        case 'return':
          return t
            .http()
            .post(`${r}/return`)
            .set('Authorization', st)
            .send({ comments: { es: 'Revisar.' } });
        case 'reopen':
          return t
            .http()
            .post(`${r}/reopen`)
            .set('Authorization', st)
            .send({ reason: { es: 'Corrección.' } });
      }
    }

    for (const [state, refused] of Object.entries(REFUSED)) {
      it(`in state ${state}: ${refused.join(', ')} → 409`, async () => {
        const r = url('HN', ACTIVITY[state]);
        for (const cmd of PATH_TO[state]) expect((await send(cmd, r)).status).toBe(200);
        for (const cmd of refused) {
          const before = await t.revisions(stream('HN', ACTIVITY[state]));
          const res = await send(cmd, r);
          expect(res.status).toBe(409);
          expectBilingualError(res.body, 'plan.report.invalid_transition');
          expect(res.body.details.current).toBe(state);
          expect(await t.revisions(stream('HN', ACTIVITY[state]))).toEqual(before);
        }
      });
    }

    it('submitting before the window opens is a 409 (window_not_open) and stores nothing', async () => {
      const hn = await t.bearer('hn.reporting_officer');
      const r = url('HN', 'II.1.1.2', '2022-S2');
      await t.http().put(r).set('Authorization', hn).send(DRAFT).expect(200);
      const res = await t.http().post(`${r}/submit`).set('Authorization', hn).expect(409);
      expectBilingualError(res.body, 'plan.report.window_not_open');
      expect(await t.revisions(stream('HN', 'II.1.1.2', '2022-S2'))).toEqual([0]);
    });
  });

  describe('malformed input is a 400 with es/en text naming the fields; nothing is stored', () => {
    const cases: Array<[string, string, object, string]> = [
      ['an unknown field', '2020-S1', { ...DRAFT, secret: 'x' }, 'secret'],
      [
        'a non-https evidence link',
        '2020-S1',
        { ...DRAFT, evidence: ['http://example.org/a.pdf'] },
        'evidence',
      ],
      ['an unknown status', '2020-S1', { ...DRAFT, status: 'done' }, 'status'],
      [
        'an unknown field inside the narrative',
        '2020-S1',
        { ...DRAFT, narrative: { es: 'x', fr: 'y' } },
        'narrative.fr',
      ],
      ['a bad period format', '2020S1', DRAFT, 'period'],
      ['a third semester', '2020-S3', DRAFT, 'period'],
    ];
    for (const [what, period, body, field] of cases) {
      it(what, async () => {
        const res = await t
          .http()
          .put(url('HN', 'II.1.1.3', period))
          .set('Authorization', await t.bearer('hn.reporting_officer'))
          .send(body)
          .expect(400);
        expectBilingualError(res.body, 'request.validation');
        expect(res.body.details.problems.map((p: { field: string }) => p.field)).toContain(field);
        expect(res.body.message.es).toContain(field);
        expect(res.body.message.en).toContain(field);
        expect(await t.revisions(stream('HN', 'II.1.1.3', period))).toEqual([]);
      });
    }

    it('a body on submit, a malformed Idempotency-Key and a bad catalogue version are 400 too', async () => {
      const hn = await t.bearer('hn.reporting_officer');
      const r = url('HN', 'II.1.1.4');
      await t.http().put(r).set('Authorization', hn).send(DRAFT).expect(200);
      expectBilingualError(
        (await t.http().post(`${r}/submit`).set('Authorization', hn).send({ late: false }).expect(400)).body,
        'request.validation',
      );
      expectBilingualError(
        (
          await t
            .http()
            .post(`${r}/submit`)
            .set('Authorization', hn)
            .set('Idempotency-Key', 'bad key!')
            .expect(400)
        ).body,
        'request.validation',
      );
      expect(await t.revisions(stream('HN', 'II.1.1.4'))).toEqual([0]);
      expectBilingualError(
        (await t.http().get('/plan/catalogue?version=abc').set('Authorization', hn).expect(400)).body,
        'request.validation',
      );
    });
  });

  it('refuses content the domain rules reject with 422 (es/en), storing nothing', async () => {
    const hn = await t.bearer('hn.reporting_officer');
    const r = url('HN', 'II.1.1.5');
    const blank = await t
      .http()
      .put(r)
      .set('Authorization', hn)
      .send({ ...DRAFT, narrative: { es: '   ' } })
      .expect(422);
    expectBilingualError(blank.body, 'plan.report.narrative_required');
    const creds = await t
      .http()
      .put(r)
      .set('Authorization', hn)
      .send({ ...DRAFT, evidence: ['https://user:pw@example.org/a.pdf'] });
    expect([400, 422]).toContain(creds.status);
    expect(await t.revisions(stream('HN', 'II.1.1.5'))).toEqual([]);
    await t.http().put(r).set('Authorization', hn).send(DRAFT).expect(200);
    await t.http().post(`${r}/submit`).set('Authorization', hn).expect(200);
    const noComments = await t
      .http()
      .post(`${r}/return`)
      .set('Authorization', await t.bearer('st.coordinator'))
      .send({ comments: {} })
      .expect(422);
    expectBilingualError(noComments.body, 'plan.report.comments_required');
    expect(await t.revisions(stream('HN', 'II.1.1.5'))).toEqual([0, 1]);
  });

  it('answers 404 for an unknown activity (write and read) and for a report without events', async () => {
    const hn = await t.bearer('hn.reporting_officer');
    const put = await t.http().put(url('HN', 'IX.9.9.9')).set('Authorization', hn).send(DRAFT).expect(404);
    expectBilingualError(put.body, 'plan.activity.not_found');
    expect(await t.revisions(stream('HN', 'IX.9.9.9'))).toEqual([]);
    expectBilingualError(
      (await t.http().get(url('HN', 'IX.9.9.9')).set('Authorization', hn).expect(404)).body,
      'plan.activity.not_found',
    );
    expectBilingualError(
      (
        await t
          .http()
          .get(url('HN', 'III.1.1.1', '2019-S2'))
          .set('Authorization', hn)
          .expect(404)
      ).body,
      'plan.report.not_found',
    );
    expectBilingualError(
      (await t.http().get('/plan/catalogue?version=99').set('Authorization', hn).expect(404)).body,
      'plan.catalogue.version_not_found',
    );
  });

  it('answers 401 without a token or with a forged one', async () => {
    expectBilingualError(
      (await t.http().put(url('HN', 'I.1.1.1')).send(DRAFT).expect(401)).body,
      'auth.missing_token',
    );
    expectBilingualError(
      (await t.http().get('/plan/catalogue').set('Authorization', 'Bearer a.b.c').expect(401)).body,
      'auth.malformed_token',
    );
  });

  it('answers 401 (es/en, stores nothing) to an expired token, another key, another issuer and another audience', async () => {
    // Tokens minted with jose against the identity service's configuration: its key file, `iss`, `aud` and claims.
    // The identity service and the plan's verifier use the system clock (the fixed clock is the commands' decision clock).
    const devJwk = JSON.parse(readFileSync(join(t.identity.keyDir, 'es256-private.jwk.json'), 'utf8')) as JWK;
    const devKey = (await importJWK(devJwk, 'ES256')) as KeyLike;
    const { privateKey: otherKey } = await generateKeyPair('ES256');
    const claims = decodeJwt(await t.identity.token('hn.reporting_officer'));
    expect(claims).toMatchObject({
      iss: t.identity.url,
      aud: 'crm-platform',
      sub: 'dev|hn.reporting_officer',
    });
    const now = Math.floor(Date.now() / 1000);
    const sign = (payload: JWTPayload, key: KeyLike, kid = devJwk.kid) =>
      new SignJWT(payload)
        .setProtectedHeader({ alg: 'ES256', typ: 'JWT', ...(kid ? { kid } : {}) })
        .sign(key);
    const cases: Array<{ what: string; token: string; code: string; es: RegExp[]; en: RegExp[] }> = [
      {
        what: 'expired an hour ago',
        token: await sign({ ...claims, iat: now - 7200, exp: now - 3600 }, devKey),
        code: 'auth.expired',
        es: [/ha expirado/, /Inicie sesión/],
        en: [/has expired/, /Sign in/],
      },
      {
        what: 'signed by another key under the dev key id',
        token: await sign(claims, otherKey),
        code: 'auth.bad_signature',
        es: [/La firma/, /no es válida/],
        en: [/signature/, /not valid/],
      },
      {
        what: 'signed by another key under its own key id',
        token: await sign(claims, otherKey, 'attacker-key'),
        code: 'auth.unknown_key',
        es: [/firmado/, /clave desconocida/],
        en: [/signed/, /unknown key/],
      },
      {
        what: 'another issuer',
        token: await sign({ ...claims, iss: 'https://idp.example.org/realms/other' }, devKey),
        code: 'auth.wrong_issuer',
        es: [/emitido/, /emisor no reconocido/],
        en: [/issued/, /unrecognised issuer/],
      },
      {
        what: 'another audience',
        token: await sign({ ...claims, aud: 'another-platform' }, devKey),
        code: 'auth.wrong_audience',
        es: [/no está destinado/, /plataforma/],
        en: [/not intended/, /platform/],
      },
    ];
    // Positive control: the same claims signed with the dev key are accepted (each case above changes one thing).
    await t
      .http()
      .get('/plan/catalogue')
      .set('Authorization', `Bearer ${await sign(claims, devKey)}`)
      .expect(200);
    const denialsBefore = (await t.denials()).length;
    for (const c of cases) {
      const res = await t
        .http()
        .put(url('HN', 'IV.1.1.3'))
        .set('Authorization', `Bearer ${c.token}`)
        .set('Idempotency-Key', `bad-token-${c.code}`)
        .send(DRAFT);
      expect({ what: c.what, status: res.status }).toEqual({ what: c.what, status: 401 });
      expectBilingualError(res.body, c.code);
      expect(res.body.details).toEqual({ reason: c.code.replace('auth.', '') });
      // Spanish in `es`, English in `en`, each saying what is wrong with the token.
      expect(res.body.message.es).toMatch(/token de acceso/);
      expect(res.body.message.en).toMatch(/access token/);
      for (const words of c.es) expect(res.body.message.es).toMatch(words);
      for (const words of c.en) expect(res.body.message.en).toMatch(words);
      expect(res.body.message.es).not.toMatch(/\b(the|is|was|not|has)\b/i);
      expect(res.body.message.en).not.toMatch(/\b(el|la|de|es|fue|ha)\b/i);
      expect(JSON.stringify(res.body)).not.toContain(c.token);
      // The same token on a read route is refused the same way.
      expect(
        (await t.http().get('/plan/catalogue').set('Authorization', `Bearer ${c.token}`)).body.code,
      ).toBe(c.code);
    }
    expect(await t.revisions(stream('HN', 'IV.1.1.3'))).toEqual([]);
    expect(await t.denials()).toHaveLength(denialsBefore);
  });

  it('answers 403 when Honduras acts for Guatemala, records the denial, and stores nothing', async () => {
    const before = (await t.denials()).length;
    const res = await t
      .http()
      .put(url('GT', 'I.1.1.1'))
      .set('Authorization', await t.bearer('hn.reporting_officer'))
      .send(DRAFT)
      .expect(403);
    expectBilingualError(res.body, 'auth.forbidden.other_country');
    const rows = await t.denials();
    expect(rows).toHaveLength(before + 1);
    expect(rows[rows.length - 1]).toMatchObject({
      subject: 'dev|hn.reporting_officer',
      country: 'HN',
      operation: 'plan.report.draft',
      outcome: 'denied',
      reason: 'other_country',
      resource: { country: 'GT', method: 'PUT', path: '/plan/reports/GT/I.1.1.1/2020-S1' },
    });
    expect(await t.revisions(stream('GT', 'I.1.1.1'))).toEqual([]);
  });

  it('the command handlers authorise non-HTTP callers too: a denial is a 403 ForbiddenError with an audit row', async () => {
    const commandBus = t.service.app.get(CommandBus);
    const gtSystem = {
      subject: 'svc|gt',
      country: 'GT' as const,
      institution: 'GT/SISTEMA',
      roles: ['national_system' as never],
    };
    await expect(
      commandBus.execute(
        new SaveDraftCommand(gtSystem, {
          country: 'HN',
          activityId: 'I.1.1.1',
          period: '2020-S1',
          content: DRAFT as never,
        }),
      ),
    ).rejects.toMatchObject({
      kind: 'forbidden',
      code: 'auth.forbidden.other_country',
    });
    const rows = await t.denials();
    expect(rows[rows.length - 1]).toMatchObject({
      subject: 'svc|gt',
      operation: 'plan.report.draft',
      resource: { country: 'HN', method: 'COMMAND', path: 'SaveDraftCommand' },
    });
    const own = await commandBus.execute(
      new SaveDraftCommand(
        gtSystem,
        { country: 'GT', activityId: 'III.1.1.2', period: '2020-S1', content: DRAFT as never },
        { commandId: 'evt-1' },
      ),
    );
    expect(own).toMatchObject({ workflow: 'draft', country: 'GT' });
    const events = await t.service.platform.store.readStream(stream('GT', 'III.1.1.2'));
    expect(events[0].metadata.actor).toMatchObject({
      subject: 'svc|gt',
      role: 'national_system',
      country: 'GT',
    });
  });

  it('If-Match: two people editing one draft — the second save, on the revision both read, is refused with 412 and stores nothing', async () => {
    const officer = await t.bearer('hn.reporting_officer');
    const system = await t.bearer('hn.national_system');
    const r = url('HN', 'VI.1.1.1');
    const first = await t.http().put(r).set('Authorization', officer).send(DRAFT).expect(200);
    expect(first.body.revision).toBe(0);
    // both read revision 0
    const read = await t.http().get(r).set('Authorization', system).expect(200);
    expect(read.body.revision).toBe(0);
    const mine = { ...DRAFT, narrative: { es: 'Tres talleres, no dos.' } };
    const theirs = { ...DRAFT, status: 'completed' };
    const saved = await t
      .http()
      .put(r)
      .set('Authorization', officer)
      .set('If-Match', '"0"')
      .send(mine)
      .expect(200);
    expect(saved.body).toMatchObject({
      revision: 1,
      content: { narrative: { es: 'Tres talleres, no dos.' } },
    });
    const stale = await t
      .http()
      .put(r)
      .set('Authorization', system)
      .set('If-Match', '"0"')
      .send(theirs)
      .expect(412);
    expectBilingualError(stale.body, 'command.stale_revision');
    expect(stale.body.details).toEqual({ expected: 0, actual: 1 });
    expect(stale.body.message.es).toContain('Vuelva a cargarlo');
    expect(stale.body.message.en).toContain('Reload it');
    expect(await t.revisions(stream('HN', 'VI.1.1.1'))).toEqual([0, 1]);
    // after reloading (revision 1) the change goes through; `If-Match: *` and no header decide on the current revision
    await t.http().put(r).set('Authorization', system).set('If-Match', '1').send(theirs).expect(200);
    await t.http().post(`${r}/submit`).set('Authorization', officer).set('If-Match', '*').expect(200);
    expect(await t.revisions(stream('HN', 'VI.1.1.1'))).toEqual([0, 1, 2, 3]);
    const bad = await t
      .http()
      .put(r)
      .set('Authorization', officer)
      .set('If-Match', '"3", "4"')
      .send(DRAFT)
      .expect(400);
    expectBilingualError(bad.body, 'request.validation');
    expect(bad.body.details.problems).toEqual([{ field: 'headers.if-match', constraints: ['entity_tag'] }]);
  });

  it('If-Match on the Secretariat commands, the catalogue amendments and the windows too', async () => {
    const officer = await t.bearer('hn.reporting_officer');
    const st = await t.bearer('st.coordinator');
    const r = url('HN', 'VI.1.1.2');
    await t.http().put(r).set('Authorization', officer).send(DRAFT).expect(200);
    await t.http().post(`${r}/submit`).set('Authorization', officer).expect(200);
    expectBilingualError(
      (
        await t
          .http()
          .post(`${r}/approve`)
          .set('Authorization', st)
          .set('If-Match', '"0"')
          .send({})
          .expect(412)
      ).body,
      'command.stale_revision',
    );
    await t.http().post(`${r}/approve`).set('Authorization', st).set('If-Match', '"1"').send({}).expect(200);
    const window = (await t.http().get('/plan/windows/2021-S2').set('Authorization', st).expect(200)).body;
    expect(window).toMatchObject({ scheduled: false, revision: -1 });
    const schedule = { opensAt: '2022-01-01T00:00:00Z', closesAt: '2022-02-15T00:00:00Z' };
    await t.http().put('/plan/windows/2021-S2').set('Authorization', st).send(schedule).expect(200);
    expectBilingualError(
      (
        await t
          .http()
          .put('/plan/windows/2021-S2')
          .set('Authorization', st)
          .set('If-Match', '"5"')
          .send({ ...schedule, closesAt: '2022-03-01T00:00:00Z', reason: { es: 'Reunión de la Red.' } })
          .expect(412)
      ).body,
      'command.stale_revision',
    );
    const catalogue = (await t.http().get('/plan/catalogue/history').set('Authorization', st).expect(200))
      .body;
    const amendment = {
      type: 'changeSchedule',
      activityId: 'I.1.1.1',
      year: 2021,
      value: 'Por definir',
      reason: { es: 'Prueba de concurrencia.' },
    };
    const revision = catalogue.versions.length - 1;
    expectBilingualError(
      (
        await t
          .http()
          .post('/plan/catalogue/amendments')
          .set('Authorization', st)
          .set('If-Match', `"${revision + 1}"`)
          .send(amendment)
          .expect(412)
      ).body,
      'command.stale_revision',
    );
    expect(await t.revisions('planCatalogue-2017-2022')).toHaveLength(revision + 1);
  });

  it('a retry with the same Idempotency-Key records no second event; another key does', async () => {
    const hn = await t.bearer('hn.reporting_officer');
    const r = url('HN', 'III.1.1.3');
    const first = await t
      .http()
      .put(r)
      .set('Authorization', hn)
      .set('Idempotency-Key', 'draft-42')
      .send(DRAFT)
      .expect(200);
    const again = await t
      .http()
      .put(r)
      .set('Authorization', hn)
      .set('Idempotency-Key', 'draft-42')
      .send(DRAFT)
      .expect(200);
    expect(again.body).toEqual(first.body);
    expect(await t.revisions(stream('HN', 'III.1.1.3'))).toEqual([0]);
    await t.http().post(`${r}/submit`).set('Authorization', hn).set('Idempotency-Key', 'sub-1').expect(200);
    await t.http().post(`${r}/submit`).set('Authorization', hn).set('Idempotency-Key', 'sub-1').expect(200);
    expect(await t.revisions(stream('HN', 'III.1.1.3'))).toEqual([0, 1]);
    // the same key on another command is not mistaken for a retry: it is judged (and here refused) on its own
    expect(
      (
        await t
          .http()
          .post(`${r}/submit`)
          .set('Authorization', hn)
          .set('Idempotency-Key', 'draft-42')
          .expect(409)
      ).body.code,
    ).toBe('plan.report.invalid_transition');
  });

  it('lets the Secretariat schedule and move a window (reason required to move), which then decides lateness', async () => {
    const st = await t.bearer('st.coordinator');
    const hn = await t.bearer('hn.reporting_officer');
    const defaultWindow = await t.http().get('/plan/windows/2020-S2').set('Authorization', hn).expect(200);
    expect(defaultWindow.body).toMatchObject({
      scheduled: false,
      window: { opensAt: '2021-01-01T00:00:00.000Z', closesAt: '2021-02-01T00:00:00.000Z' },
    });
    await t
      .http()
      .put('/plan/windows/2020-S2')
      .set('Authorization', hn)
      .send({ opensAt: '2020-07-01T00:00:00Z', closesAt: '2020-07-05T00:00:00Z' })
      .expect(403);
    const scheduled = await t
      .http()
      .put('/plan/windows/2020-S2')
      .set('Authorization', st)
      .send({ opensAt: '2020-07-01T00:00:00Z', closesAt: '2020-07-05T00:00:00Z' })
      .expect(200);
    expect(scheduled.body).toMatchObject({
      scheduled: true,
      window: { opensAt: '2020-07-01T00:00:00.000Z' },
      revision: 0,
    });
    const noReason = await t
      .http()
      .put('/plan/windows/2020-S2')
      .set('Authorization', st)
      .send({ opensAt: '2020-07-01T00:00:00Z', closesAt: '2020-07-06T00:00:00Z' })
      .expect(422);
    expectBilingualError(noReason.body, 'plan.window.reason_required');
    expect(await t.revisions('planWindows-2020-S2')).toEqual([0]);
    const bad = await t
      .http()
      .put('/plan/windows/2020-S2')
      .set('Authorization', st)
      .send({ opensAt: 'yesterday', closesAt: '2020-07-06T00:00:00Z' })
      .expect(400);
    expect(bad.body.details.problems[0].field).toBe('opensAt');
    const r = url('HN', 'III.1.1.4', '2020-S2');
    await t.http().put(r).set('Authorization', hn).send(DRAFT).expect(200);
    const late = await t.http().post(`${r}/submit`).set('Authorization', hn).expect(200);
    expect(late.body).toMatchObject({
      late: true,
      submission: { window: { closesAt: '2020-07-05T00:00:00.000Z' } },
    });
  });

  it('lets the Secretariat coordinator amend the catalogue; versions and history follow', async () => {
    const st = await t.bearer('st.coordinator');
    const reason = { es: 'Acuerdo de la reunión de la Red.' };
    const before = (await t.http().get('/plan/catalogue').set('Authorization', st).expect(200)).body;
    const target =
      before.catalogue.activities.find((a: { id: string }) => a.id === 'VII.1.1.1') ??
      before.catalogue.activities[95];
    const reworded = await t
      .http()
      .post('/plan/catalogue/amendments')
      .set('Authorization', st)
      .send({
        type: 'reword',
        activityId: target.id,
        text: { es: `${target.text.es} (revisado)`, en: `${target.text.en} (revised)` },
        reason,
      })
      .expect(200);
    expect(reworded.body).toMatchObject({ version: 2, versionLabel: '2017-2022@2' });
    const year = before.catalogue.scheduleYears[0];
    await t
      .http()
      .post('/plan/catalogue/amendments')
      .set('Authorization', st)
      .send({ type: 'changeSchedule', activityId: target.id, year, value: 'Por definir', reason })
      .expect(200);
    const retired = await t
      .http()
      .post('/plan/catalogue/amendments')
      .set('Authorization', st)
      .send({ type: 'retire', activityId: target.id, reason })
      .expect(200);
    expect(retired.body).toMatchObject({ version: 4, retired: [target.id] });
    const again = await t
      .http()
      .post('/plan/catalogue/amendments')
      .set('Authorization', st)
      .send({ type: 'retire', activityId: target.id, reason })
      .expect(409);
    expectBilingualError(again.body, 'catalogue.activity_retired');
    expectBilingualError(
      (
        await t
          .http()
          .post('/plan/catalogue/amendments')
          .set('Authorization', st)
          .send({ type: 'retire', activityId: target.id })
          .expect(400)
      ).body,
      'request.validation',
    );
    expectBilingualError(
      (
        await t
          .http()
          .post('/plan/catalogue/amendments')
          .set('Authorization', st)
          .send({ type: 'explode', activityId: target.id, reason })
          .expect(400)
      ).body,
      'request.validation',
    );

    const v1 = (await t.http().get('/plan/catalogue?version=1').set('Authorization', st).expect(200)).body;
    expect(v1.catalogue.activities.find((a: { id: string }) => a.id === target.id).text).toEqual(target.text);
    const history = (await t.http().get('/plan/catalogue/history').set('Authorization', st).expect(200)).body;
    expect(history.versions.map((v: { version: number; type: string }) => [v.version, v.type])).toEqual([
      [1, 'CatalogueImported'],
      [2, 'ActivityReworded'],
      [3, 'ScheduleChanged'],
      [4, 'ActivityRetired'],
    ]);
    // a retired activity takes no new drafts (422), while an unknown one is a 404
    const hn = await t.bearer('hn.reporting_officer');
    expectBilingualError(
      (await t.http().put(url('HN', target.id)).set('Authorization', hn).send(DRAFT).expect(422)).body,
      'plan.report.unknown_activity',
    );
    // a second import of the same plan is a conflict
    expectBilingualError(
      (
        await t
          .http()
          .post('/plan/catalogue/import')
          .set('Authorization', st)
          .send({ catalogue: before.catalogue })
          .expect(409)
      ).body,
      'catalogue.already_imported',
    );
  });

  it('serves the OpenAPI document (bearer scheme, bilingual summaries) listing every route', async () => {
    await t.http().get('/docs').expect(200);
    const doc = (await t.http().get('/docs/openapi.json').expect(200)).body;
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    const routes = Object.entries(doc.paths as Record<string, Record<string, { summary: string }>>).flatMap(
      ([path, ops]) =>
        Object.entries(ops).map(([method, op]) => ({
          route: `${method.toUpperCase()} ${path}`,
          summary: op.summary,
        })),
    );
    expect(routes.map((r) => r.route).sort()).toEqual(
      [
        'GET /health',
        'GET /health/live',
        'GET /health/ready',
        'PUT /plan/reports/{country}/{activityId}/{period}',
        'GET /plan/reports/{country}/{activityId}/{period}',
        'POST /plan/reports/{country}/{activityId}/{period}/submit',
        'POST /plan/reports/{country}/{activityId}/{period}/approve',
        'POST /plan/reports/{country}/{activityId}/{period}/return',
        'POST /plan/reports/{country}/{activityId}/{period}/reopen',
        'PUT /plan/windows/{period}',
        'GET /plan/windows/{period}',
        'GET /plan/catalogue',
        'GET /plan/catalogue/history',
        'POST /plan/catalogue/amendments',
        'POST /plan/catalogue/import',
        'GET /plan/countries/{country}/state',
        'GET /plan/countries/{country}/history',
        'GET /plan/countries/{country}/verify',
        'GET /plan/dashboard/matrix',
        'GET /plan/dashboard/timeliness',
        'GET /plan/dashboard/activities/{activityId}',
        'POST /plan/read-models/rebuild',
      ].sort(),
    );
    for (const r of routes) expect(r.summary).toMatch(/^.+ \/ .+$/);
  });

  it('documents the review, dashboard and read-model routes: tags, es/en texts, bearer, parameters', async () => {
    interface Param {
      name: string;
      in: string;
      required?: boolean;
      description?: string;
      schema?: { enum?: string[] };
    }
    interface Op {
      tags?: string[];
      summary: string;
      description: string;
      security?: unknown[];
      parameters?: Param[];
      responses: Record<string, { description: string }>;
    }
    const doc = (await t.http().get('/docs/openapi.json').expect(200)).body;
    const op = (method: string, path: string): Op => doc.paths[path]?.[method];
    const params = (o: Op, where: string) =>
      Object.fromEntries(
        (o.parameters ?? [])
          .filter((p) => p.in === where)
          .map((p) => [p.name, { required: p.required ?? false, enum: p.schema?.enum }]),
      );
    const documented: Array<[string, string, string]> = [
      ['get', '/plan/countries/{country}/state', 'review'],
      ['get', '/plan/countries/{country}/history', 'review'],
      ['get', '/plan/countries/{country}/verify', 'review'],
      ['get', '/plan/dashboard/matrix', 'dashboard'],
      ['get', '/plan/dashboard/timeliness', 'dashboard'],
      ['get', '/plan/dashboard/activities/{activityId}', 'dashboard'],
      ['post', '/plan/read-models/rebuild', 'dashboard'],
    ];
    for (const [method, path, tag] of documented) {
      const o = op(method, path);
      expect({ path, tags: o.tags }).toEqual({ path, tags: [tag] });
      expect(o.summary).toMatch(/^.+ \/ .+$/);
      expect(o.description).toMatch(/^\*\*ES\*\*: .+\n\n\*\*EN\*\*: .+/s);
      expect(o.security).toEqual([{ bearer: [] }]);
      expect(Object.keys(o.responses)).toEqual(expect.arrayContaining(['401', '403']));
      for (const p of o.parameters ?? [])
        expect({ path, param: p.name, description: p.description }).toEqual({
          path,
          param: p.name,
          description: expect.stringMatching(/^ES: .+ EN: .+/s),
        });
    }
    const countries = ['BZ', 'CA', 'CR', 'SV', 'GT', 'HN', 'MX', 'NI', 'PA', 'DO', 'US'].sort();
    const rendered = {
      format: { required: false, enum: ['json', 'csv', 'markdown'] },
      lang: { required: false, enum: ['es', 'en'] },
    };
    const state = op('get', '/plan/countries/{country}/state');
    expect(params(state, 'path')).toEqual({
      country: { required: true, enum: expect.arrayContaining(countries) },
    });
    expect(params(state, 'path').country.enum).toHaveLength(11);
    expect(params(state, 'query')).toEqual({ asOf: { required: true, enum: undefined }, ...rendered });
    const history = op('get', '/plan/countries/{country}/history');
    expect(params(history, 'query')).toEqual({
      from: { required: false, enum: undefined },
      to: { required: false, enum: undefined },
      ...rendered,
    });
    expect(params(op('get', '/plan/countries/{country}/verify'), 'query')).toEqual({});
    const country = { required: false, enum: expect.arrayContaining(countries) };
    for (const path of ['/plan/dashboard/matrix', '/plan/dashboard/timeliness']) {
      expect(params(op('get', path), 'query')).toEqual({
        period: { required: true, enum: undefined },
        plan: { required: false, enum: undefined },
        country,
      });
    }
    const activity = op('get', '/plan/dashboard/activities/{activityId}');
    expect(params(activity, 'path')).toEqual({ activityId: { required: true, enum: undefined } });
    expect(params(activity, 'query')).toEqual({
      period: { required: false, enum: undefined },
      plan: { required: false, enum: undefined },
      country,
    });
    const rebuild = op('post', '/plan/read-models/rebuild');
    expect(Object.keys(rebuild.responses)).toEqual(expect.arrayContaining(['200', '202']));
    expect(rebuild.parameters ?? []).toEqual([]);
  });
});
