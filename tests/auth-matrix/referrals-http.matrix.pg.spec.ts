/**
 * Authorisation matrix of the referral service over HTTP (issue 10, "must show": an official of a third country
 * sees nothing of a referral between two others; the Secretariat sees aggregates and statuses but no identifying
 * data). The real service (every feature module with routes or state the routes read: escalation, read models,
 * consent process), real identity tokens. The world: Mexico's and Honduras' protection institutions (and
 * Guatemala's, a possible transferee), a Mexican child's case with identifying data (the fixture of test
 * children) and a consent for Honduras, a referral MX→HN sent and acknowledged.
 *
 * Every route of the OpenAPI document has a row below (a new route without a row fails); each row is called by
 * the sending side (Mexico's case worker and supervisor), the receiving side (Honduras' case worker and national
 * system), a third country (Guatemala's case worker and national system), the Secretariat (coordinator, analyst)
 * and an observer (UNICEF). A command is tried on fresh state made for the cell (its own referral, case or
 * institution in the state the command needs), so "allowed" means 2xx and every refusal is 403 or 404. The
 * expectations are the table's, written from docs/referrals.md "Authorisation"; they are NOT computed with the
 * policy. Then, over every response: Guatemala's contain nothing of the referral (its id, the case id, the two
 * institutions' ids) and the Secretariat's nothing of the child (names, date of birth, family contact, notes)
 * nor any ciphertext field.
 */
import { randomUUID } from 'node:crypto';
import { fixedClock } from '@crm/kernel';
import { REFERRALS_SERVICE } from '@crm/referrals';
import {
  ConsentProcessModule,
  consentScope,
  EscalationModule,
  indicators,
  NOW,
  ReferralReadModelsModule,
  uniqueTestChild,
} from '@crm/referrals/testing';
import { startTestService, type TestService } from '@crm/service-testing';

type Label =
  'MX cw' | 'MX sup' | 'HN cw' | 'HN ns' | 'GT cw' | 'GT ns' | 'ST coord' | 'ST analyst' | 'UNICEF';
const USERS: Record<Label, string> = {
  'MX cw': 'mx.protection_case_worker',
  'MX sup': 'mx.protection_supervisor',
  'HN cw': 'hn.protection_case_worker',
  'HN ns': 'hn.national_system',
  'GT cw': 'gt.protection_case_worker',
  'GT ns': 'gt.national_system',
  'ST coord': 'st.coordinator',
  'ST analyst': 'st.analyst',
  UNICEF: 'unicef.observer',
};
const LABELS = Object.keys(USERS) as Label[];
const COUNTRY_OF: Record<Label, string | null> = {
  'MX cw': 'MX',
  'MX sup': 'MX',
  'HN cw': 'HN',
  'HN ns': 'HN',
  'GT cw': 'GT',
  'GT ns': 'GT',
  'ST coord': null,
  'ST analyst': null,
  UNICEF: null,
};
const THIRD_COUNTRY: Label[] = ['GT cw', 'GT ns'];
const SECRETARIAT: Label[] = ['ST coord', 'ST analyst'];

const PUBLIC = LABELS;
const SENDER = ['MX cw'] as Label[];
const RECEIVER = ['HN cw', 'HN ns'] as Label[];
const TRANSFEREE = ['GT cw', 'GT ns'] as Label[];
const COUNTRY_OFFICIALS: Label[] = ['MX cw', 'MX sup', 'HN cw', 'HN ns', 'GT cw', 'GT ns'];
const DIRECTORY_READERS: Label[] = [...COUNTRY_OFFICIALS, ...SECRETARIAT];
const REFERRAL_READERS: Label[] = ['MX cw', 'MX sup', 'HN cw', 'HN ns'];
const DASHBOARD_READERS: Label[] = [...COUNTRY_OFFICIALS, ...SECRETARIAT];

/**
 * Who gets a 2xx, per route of the OpenAPI document (everyone else: 403 or 404). Institution commands are tried
 * on a fresh Honduran entry, case commands on a fresh Mexican case (or the world's), referral commands on a fresh
 * referral of the world's case in the state the command needs (a transfer's on one with a transfer pending to
 * Guatemala), reads on the world's referral, case and institutions, dashboards on the caller's own country.
 */
const WHO_GETS_2XX: Record<string, Label[]> = {
  'GET /health': PUBLIC,
  'GET /health/live': PUBLIC,
  'GET /health/ready': PUBLIC,
  // directory: the network reads it; the owning country's supervisor or national system and the ST coordinator keep it
  'POST /referrals/institutions': ['HN ns', 'ST coord'],
  'PATCH /referrals/institutions/{id}': ['HN ns', 'ST coord'],
  'POST /referrals/institutions/{id}/verify': ['HN ns', 'ST coord'],
  'POST /referrals/institutions/{id}/deactivate': ['HN ns', 'ST coord'],
  'POST /referrals/institutions/{id}/reactivate': ['HN ns', 'ST coord'],
  'POST /referrals/institutions/{id}/focal-points/{focalPointId}/erasure': ['HN cw'],
  'GET /referrals/institutions': DIRECTORY_READERS,
  'GET /referrals/institutions/stale': DIRECTORY_READERS,
  'GET /referrals/institutions/{id}': DIRECTORY_READERS,
  'GET /referrals/institutions/{id}/contacts': ['MX cw', 'HN cw', 'HN ns', 'GT cw', 'GT ns'],
  // a child's case: the owning country only (the receiving country sees it through the disclosed view)
  'POST /referrals/cases': SENDER,
  'PUT /referrals/cases/{caseId}/indicators': SENDER,
  'PATCH /referrals/cases/{caseId}/identifying': SENDER,
  'POST /referrals/cases/{caseId}/best-interests': SENDER,
  'POST /referrals/cases/{caseId}/consents': SENDER,
  'POST /referrals/cases/{caseId}/consents/{consentId}/narrow': SENDER,
  'POST /referrals/cases/{caseId}/consents/{consentId}/withdraw': SENDER,
  'POST /referrals/cases/{caseId}/interviews': SENDER,
  'POST /referrals/cases/{caseId}/close': SENDER,
  'POST /referrals/cases/{caseId}/erasure': SENDER,
  'GET /referrals/cases/{caseId}': ['MX cw', 'MX sup'],
  'GET /referrals/cases/{caseId}/identifying': SENDER,
  'GET /referrals/cases/{caseId}/access-log': ['MX sup'],
  // a referral: its sides, each its own steps
  'POST /referrals/referrals': SENDER,
  'PUT /referrals/referrals/{referralId}': SENDER,
  'PATCH /referrals/referrals/{referralId}': SENDER,
  'POST /referrals/referrals/{referralId}/send': SENDER,
  'POST /referrals/referrals/{referralId}/revoke': SENDER,
  'POST /referrals/referrals/{referralId}/entered-in-error': SENDER,
  'POST /referrals/referrals/{referralId}/acknowledge': RECEIVER,
  'POST /referrals/referrals/{referralId}/accept': RECEIVER,
  'POST /referrals/referrals/{referralId}/decline': RECEIVER,
  'POST /referrals/referrals/{referralId}/follow-ups': [...SENDER, ...RECEIVER],
  'POST /referrals/referrals/{referralId}/close': RECEIVER,
  'POST /referrals/referrals/{referralId}/transfers': RECEIVER,
  'POST /referrals/referrals/{referralId}/transfers/{transferId}/accept': TRANSFEREE,
  'POST /referrals/referrals/{referralId}/transfers/{transferId}/decline': TRANSFEREE,
  'POST /referrals/referrals/{referralId}/consent-withdrawals/acknowledge': RECEIVER,
  'GET /referrals/referrals/{referralId}': [...REFERRAL_READERS, ...SECRETARIAT],
  'GET /referrals/referrals/{referralId}/disclosed-view': RECEIVER,
  // deadlines of the pair MX-HN: whoever reads referrals of either country, the Secretariat; set by its coordinator
  'PUT /referrals/deadline-policies/{from}/{to}': ['ST coord'],
  'GET /referrals/deadline-policies/{from}/{to}': [...REFERRAL_READERS, ...SECRETARIAT],
  // dashboards, each on the caller's own country (the Secretariat: all)
  'GET /referrals/dashboards/pipeline': DASHBOARD_READERS,
  'GET /referrals/dashboards/timings': DASHBOARD_READERS,
  'GET /referrals/dashboards/overdue': DASHBOARD_READERS,
  'GET /referrals/dashboards/aggregates': DASHBOARD_READERS,
  'POST /referrals/read-models/rebuild': ['ST coord'],
};

/** Rows where Guatemala is a party (the proposed transferee of a fresh referral): left out of its confinement check. */
const GUATEMALA_IS_A_PARTY = new Set([
  'POST /referrals/referrals/{referralId}/transfers/{transferId}/accept',
  'POST /referrals/referrals/{referralId}/transfers/{transferId}/decline',
]);
/** The directory is the network's: every country sees every entry (ids included), never a referral or a case. */
const isDirectoryRoute = (route: string) => route.includes('/referrals/institutions');

const institutionBody = (institutionId: string, country: string) => ({
  institutionId,
  country,
  kind: 'child_protection',
  name: { es: `Protección de la niñez (${institutionId})`, en: `Child protection (${institutionId})` },
  intake: {
    focalPointId: `${institutionId}-intake`,
    languages: ['es'],
    contact: { name: `Punto focal ${institutionId}`, email: `intake@${country.toLowerCase()}.example.org` },
  },
  backup: {
    focalPointId: `${institutionId}-backup`,
    languages: ['es'],
    contact: { name: `Suplente ${institutionId}`, phone: '+000 0000 0000' },
  },
  verifiedOn: '2020-06-01',
});

const FROM = { country: 'MX', institutionId: 'MX-PROTECCION' };
const TO = { country: 'HN', institutionId: 'HN-PROTECCION' };
const GT_INSTITUTION = { country: 'GT', institutionId: 'GT-PROTECCION' };

interface Res {
  status: number;
  body: any;
  text: string;
}

describe('referral service HTTP authorisation matrix (real PostgreSQL, real identity tokens)', () => {
  let t: TestService;
  const tokens = new Map<string, string>();
  const world = { caseId: '', referralId: randomUUID() };
  const { child, strings: CHILD_STRINGS } = uniqueTestChild();
  const responses: Array<{ route: string; who: Label; res: Res }> = [];
  let n = 0;
  const fresh = () => `${++n}`;

  const bearer = async (username: string) => {
    if (!tokens.has(username)) tokens.set(username, await t.bearer(username));
    return tokens.get(username)!;
  };
  async function call(
    username: string,
    method: 'get' | 'post' | 'put' | 'patch',
    path: string,
    body?: unknown,
  ): Promise<Res> {
    const req = t
      .http()
      [method](path)
      .set('Authorization', await bearer(username));
    const res = body === undefined ? await req : await req.send(body as object);
    return { status: res.status, body: res.body, text: res.text ?? '' };
  }
  /** A setup step that must succeed. */
  async function must(
    username: string,
    method: 'get' | 'post' | 'put' | 'patch',
    path: string,
    body?: unknown,
  ) {
    const res = await call(username, method, path, body);
    if (res.status < 200 || res.status > 299)
      throw new Error(`setup ${method.toUpperCase()} ${path} as ${username}: ${res.status} ${res.text}`);
    return res.body;
  }

  // ---- fresh state for one cell ---------------------------------------------------------------------------
  async function freshInstitution(): Promise<string> {
    const id = `HN-M${fresh()}`;
    await must('hn.protection_supervisor', 'post', '/referrals/institutions', institutionBody(id, 'HN'));
    return id;
  }
  async function freshCase(): Promise<string> {
    const { child: other } = uniqueTestChild();
    const view = await must('mx.protection_case_worker', 'post', '/referrals/cases', {
      institutionId: 'MX-PROTECCION',
      indicators: indicators(),
      identifying: other,
    });
    await must('mx.protection_case_worker', 'post', `/referrals/cases/${view.caseId}/consents`, {
      consentId: 'consent-1',
      givenBy: 'child',
      form: 'consent',
      scope: consentScope(),
    });
    return view.caseId;
  }
  type Stage = 'draft' | 'requested' | 'acknowledged' | 'accepted' | 'in_progress' | 'transfer';
  const draftBody = (caseId: string) => ({
    caseId,
    from: FROM,
    to: TO,
    servicesRequested: ['psychosocial', 'family_tracing'],
    categories: ['identity', 'family', 'health'],
    urgency: 'urgent',
  });
  async function freshReferral(stage: Stage, caseId = world.caseId): Promise<string> {
    const id = randomUUID();
    const p = `/referrals/referrals/${id}`;
    const mx = 'mx.protection_case_worker';
    const hn = 'hn.protection_case_worker';
    await must(mx, 'put', p, draftBody(caseId));
    if (stage === 'draft') return id;
    await must(mx, 'post', `${p}/send`, {});
    if (stage === 'requested') return id;
    await must(hn, 'post', `${p}/acknowledge`, {});
    if (stage === 'acknowledged') return id;
    await must(hn, 'post', `${p}/accept`, {});
    if (stage === 'accepted') return id;
    if (stage === 'transfer') {
      await must(hn, 'post', `${p}/transfers`, {
        transferId: 'transfer-1',
        to: GT_INSTITUTION,
        reason: 'child_moved',
      });
      return id;
    }
    await must(hn, 'post', `${p}/follow-ups`, {
      followUpId: `fu-${fresh()}`,
      services: ['psychosocial'],
      status: 'provided',
    });
    return id;
  }
  /** A referral acknowledged on a fresh case whose consent the child then withdrew (Honduras notified). */
  async function referralWithWithdrawal(): Promise<string> {
    const caseId = await freshCase();
    const id = await freshReferral('acknowledged', caseId);
    await must(
      'mx.protection_case_worker',
      'post',
      `/referrals/cases/${caseId}/consents/consent-1/withdraw`,
      {
        reason: 'child_request',
      },
    );
    const deadline = Date.now() + 30_000;
    for (;;) {
      const view = await must('mx.protection_case_worker', 'get', `/referrals/referrals/${id}`);
      if ((view.pendingWithdrawals ?? []).length > 0) return id;
      if (Date.now() > deadline)
        throw new Error(`no consent withdrawal notified on ${id}: ${JSON.stringify(view)}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  // ---- one cell -------------------------------------------------------------------------------------------
  type Cell = (username: string, who: Label) => Promise<Res>;
  const ownCountryQuery = (who: Label) => (COUNTRY_OF[who] ? `?country=${COUNTRY_OF[who]}` : '');
  const ref = (id: string, action = '') => `/referrals/referrals/${id}${action}`;
  const CELLS: Record<string, Cell> = {
    'GET /health': (u) => call(u, 'get', '/health'),
    'GET /health/live': (u) => call(u, 'get', '/health/live'),
    'GET /health/ready': (u) => call(u, 'get', '/health/ready'),
    'POST /referrals/institutions': (u) =>
      call(u, 'post', '/referrals/institutions', institutionBody(`HN-N${fresh()}`, 'HN')),
    'PATCH /referrals/institutions/{id}': async (u) => {
      const id = await freshInstitution();
      return call(u, 'patch', `/referrals/institutions/${id}`, { name: { es: 'Otra', en: 'Other' } });
    },
    'POST /referrals/institutions/{id}/verify': async (u) =>
      call(u, 'post', `/referrals/institutions/${await freshInstitution()}/verify`, {
        verifiedOn: '2020-06-20',
      }),
    'POST /referrals/institutions/{id}/deactivate': async (u) =>
      call(u, 'post', `/referrals/institutions/${await freshInstitution()}/deactivate`, {
        reason: 'temporarily_unavailable',
      }),
    'POST /referrals/institutions/{id}/reactivate': async (u) => {
      const id = await freshInstitution();
      await must('hn.protection_supervisor', 'post', `/referrals/institutions/${id}/deactivate`, {
        reason: 'temporarily_unavailable',
      });
      return call(u, 'post', `/referrals/institutions/${id}/reactivate`, {});
    },
    'POST /referrals/institutions/{id}/focal-points/{focalPointId}/erasure': async (u) => {
      const id = await freshInstitution();
      return call(u, 'post', `/referrals/institutions/${id}/focal-points/${id}-backup/erasure`, {
        reason: 'Solicitud de supresión SUP-HN-1',
      });
    },
    'GET /referrals/institutions': (u) => call(u, 'get', '/referrals/institutions'),
    'GET /referrals/institutions/stale': (u) => call(u, 'get', '/referrals/institutions/stale'),
    'GET /referrals/institutions/{id}': (u) => call(u, 'get', '/referrals/institutions/HN-PROTECCION'),
    'GET /referrals/institutions/{id}/contacts': (u) =>
      call(u, 'get', '/referrals/institutions/HN-PROTECCION/contacts?purpose=enviar%20una%20referencia'),
    'POST /referrals/cases': (u) =>
      call(u, 'post', '/referrals/cases', {
        institutionId: 'MX-PROTECCION',
        indicators: indicators(),
        identifying: uniqueTestChild().child,
      }),
    'PUT /referrals/cases/{caseId}/indicators': async (u) =>
      call(u, 'put', `/referrals/cases/${await freshCase()}/indicators`, { indicators: indicators() }),
    'PATCH /referrals/cases/{caseId}/identifying': async (u) =>
      call(u, 'patch', `/referrals/cases/${await freshCase()}/identifying`, { remove: ['notes'] }),
    'POST /referrals/cases/{caseId}/best-interests': (u) =>
      call(u, 'post', `/referrals/cases/${world.caseId}/best-interests`, {
        recordId: `bia-${fresh()}`,
        kind: 'assessment',
        conductedBy: { institutionId: 'MX-PROTECCION', role: 'social_worker' },
        conductedOn: '2020-06-25',
        outcome: 'return_to_country_of_origin',
        recommendations: 'Acompañamiento psicosocial.',
      }),
    'POST /referrals/cases/{caseId}/consents': (u) =>
      call(u, 'post', `/referrals/cases/${world.caseId}/consents`, {
        consentId: `consent-m${fresh()}`,
        givenBy: 'child',
        form: 'consent',
        scope: consentScope(),
      }),
    'POST /referrals/cases/{caseId}/consents/{consentId}/narrow': async (u) =>
      call(u, 'post', `/referrals/cases/${await freshCase()}/consents/consent-1/narrow`, {
        scope: consentScope({ categories: ['identity', 'indicators'] }),
      }),
    'POST /referrals/cases/{caseId}/consents/{consentId}/withdraw': async (u) =>
      call(u, 'post', `/referrals/cases/${await freshCase()}/consents/consent-1/withdraw`, {
        reason: 'child_request',
      }),
    'POST /referrals/cases/{caseId}/interviews': (u) =>
      call(u, 'post', `/referrals/cases/${world.caseId}/interviews`, {
        interviewId: `i-${fresh()}`,
        institutionId: 'MX-PROTECCION',
        conductedOn: '2020-06-21',
        purpose: 'registration',
      }),
    'POST /referrals/cases/{caseId}/close': async (u) =>
      call(u, 'post', `/referrals/cases/${await freshCase()}/close`, { outcome: 'family_reunification' }),
    'POST /referrals/cases/{caseId}/erasure': async (u) =>
      call(u, 'post', `/referrals/cases/${await freshCase()}/erasure`, {
        reason: 'Solicitud de supresión SUP-MX-1',
      }),
    'GET /referrals/cases/{caseId}': (u) => call(u, 'get', `/referrals/cases/${world.caseId}`),
    'GET /referrals/cases/{caseId}/identifying': (u) =>
      call(u, 'get', `/referrals/cases/${world.caseId}/identifying?purpose=seguimiento%20del%20caso`),
    'GET /referrals/cases/{caseId}/access-log': (u) =>
      call(u, 'get', `/referrals/cases/${world.caseId}/access-log`),
    'POST /referrals/referrals': (u) =>
      call(u, 'post', '/referrals/referrals', { referralId: randomUUID(), ...draftBody(world.caseId) }),
    'PUT /referrals/referrals/{referralId}': (u) =>
      call(u, 'put', ref(randomUUID()), draftBody(world.caseId)),
    'PATCH /referrals/referrals/{referralId}': async (u) =>
      call(u, 'patch', ref(await freshReferral('draft')), { urgency: 'routine' }),
    'POST /referrals/referrals/{referralId}/send': async (u) =>
      call(u, 'post', ref(await freshReferral('draft'), '/send'), {}),
    'POST /referrals/referrals/{referralId}/revoke': async (u) =>
      call(u, 'post', ref(await freshReferral('requested'), '/revoke'), { reason: 'no_longer_needed' }),
    'POST /referrals/referrals/{referralId}/entered-in-error': async (u) =>
      call(u, 'post', ref(await freshReferral('requested'), '/entered-in-error'), { reason: 'wrong_case' }),
    'POST /referrals/referrals/{referralId}/acknowledge': async (u) =>
      call(u, 'post', ref(await freshReferral('requested'), '/acknowledge'), {}),
    'POST /referrals/referrals/{referralId}/accept': async (u) =>
      call(u, 'post', ref(await freshReferral('acknowledged'), '/accept'), {}),
    'POST /referrals/referrals/{referralId}/decline': async (u) =>
      call(u, 'post', ref(await freshReferral('acknowledged'), '/decline'), { reason: 'no_capacity' }),
    'POST /referrals/referrals/{referralId}/follow-ups': async (u) =>
      call(u, 'post', ref(await freshReferral('accepted'), '/follow-ups'), {
        followUpId: `fu-${fresh()}`,
        services: ['psychosocial'],
        status: 'provided',
      }),
    'POST /referrals/referrals/{referralId}/close': async (u) =>
      call(u, 'post', ref(await freshReferral('in_progress'), '/close'), { outcome: 'reunified' }),
    'POST /referrals/referrals/{referralId}/transfers': async (u) =>
      call(u, 'post', ref(await freshReferral('accepted'), '/transfers'), {
        transferId: `transfer-${fresh()}`,
        to: GT_INSTITUTION,
        reason: 'child_moved',
      }),
    'POST /referrals/referrals/{referralId}/transfers/{transferId}/accept': async (u) =>
      call(u, 'post', ref(await freshReferral('transfer'), '/transfers/transfer-1/accept'), {}),
    'POST /referrals/referrals/{referralId}/transfers/{transferId}/decline': async (u) =>
      call(u, 'post', ref(await freshReferral('transfer'), '/transfers/transfer-1/decline'), {
        reason: 'no_capacity',
      }),
    'POST /referrals/referrals/{referralId}/consent-withdrawals/acknowledge': async (u) =>
      call(u, 'post', ref(await referralWithWithdrawal(), '/consent-withdrawals/acknowledge'), {}),
    'GET /referrals/referrals/{referralId}': (u) => call(u, 'get', ref(world.referralId)),
    'GET /referrals/referrals/{referralId}/disclosed-view': (u) =>
      call(u, 'get', ref(world.referralId, '/disclosed-view?purpose=psychosocial')),
    'PUT /referrals/deadline-policies/{from}/{to}': (u) =>
      call(u, 'put', '/referrals/deadline-policies/MX/HN', {
        acknowledgeWithinHours: 48,
        decideWithinHours: 120,
        withdrawalAcknowledgeWithinHours: 24,
      }),
    'GET /referrals/deadline-policies/{from}/{to}': (u) =>
      call(u, 'get', '/referrals/deadline-policies/MX/HN'),
    'GET /referrals/dashboards/pipeline': (u, who) =>
      call(u, 'get', `/referrals/dashboards/pipeline${ownCountryQuery(who)}`),
    'GET /referrals/dashboards/timings': (u, who) =>
      call(u, 'get', `/referrals/dashboards/timings${ownCountryQuery(who)}`),
    'GET /referrals/dashboards/overdue': (u, who) =>
      call(u, 'get', `/referrals/dashboards/overdue${ownCountryQuery(who)}`),
    'GET /referrals/dashboards/aggregates': (u) =>
      call(u, 'get', '/referrals/dashboards/aggregates?period=2020-S1'),
    'POST /referrals/read-models/rebuild': (u) => call(u, 'post', '/referrals/read-models/rebuild'),
  };
  /** Reads first (on the world alone), then the commands (which add fresh referrals, cases and institutions). */
  const ORDER = [
    ...Object.keys(CELLS).filter((r) => r.startsWith('GET ')),
    ...Object.keys(CELLS).filter((r) => !r.startsWith('GET ')),
  ];

  beforeAll(async () => {
    t = await startTestService(REFERRALS_SERVICE, {
      clock: fixedClock(NOW),
      prefix: 'referrals_matrix',
      features: [EscalationModule, ReferralReadModelsModule, ConsentProcessModule],
      env: { RATE_LIMIT_PER_MINUTE: '0', LOGIN_RATE_LIMIT_PER_MINUTE: '10000' },
    });
    await must(
      'mx.protection_supervisor',
      'post',
      '/referrals/institutions',
      institutionBody('MX-PROTECCION', 'MX'),
    );
    await must(
      'hn.protection_supervisor',
      'post',
      '/referrals/institutions',
      institutionBody('HN-PROTECCION', 'HN'),
    );
    await must(
      'gt.protection_supervisor',
      'post',
      '/referrals/institutions',
      institutionBody('GT-PROTECCION', 'GT'),
    );
    const registered = await must('mx.protection_case_worker', 'post', '/referrals/cases', {
      institutionId: 'MX-PROTECCION',
      indicators: indicators(),
      identifying: child,
    });
    world.caseId = registered.caseId;
    await must('mx.protection_case_worker', 'post', `/referrals/cases/${world.caseId}/consents`, {
      consentId: 'consent-1',
      givenBy: 'child',
      form: 'consent',
      scope: consentScope(),
    });
    await must('mx.protection_case_worker', 'put', ref(world.referralId), draftBody(world.caseId));
    await must('mx.protection_case_worker', 'post', ref(world.referralId, '/send'), {});
    await must('hn.protection_case_worker', 'post', ref(world.referralId, '/acknowledge'), {});
    // the read models have the referral before the dashboards are asked (so the Secretariat's rows show it)
    const deadline = Date.now() + 30_000;
    while (
      !JSON.stringify((await call('st.analyst', 'get', '/referrals/dashboards/pipeline')).body).includes(
        'acknowledged',
      )
    ) {
      if (Date.now() > deadline)
        throw new Error('the pipeline read model never showed the acknowledged referral');
      await new Promise((r) => setTimeout(r, 200));
    }
  }, 120_000);
  afterAll(() => t?.stop());

  it('the table has a row for every route of the OpenAPI document, and no other', async () => {
    const doc = (await t.http().get('/docs/openapi.json').expect(200)).body;
    const routes = Object.entries(doc.paths as Record<string, object>).flatMap(([p, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`),
    );
    expect(routes.filter((r) => !(r in WHO_GETS_2XX))).toEqual([]);
    expect(Object.keys(WHO_GETS_2XX).filter((r) => !routes.includes(r))).toEqual([]);
    expect(Object.keys(CELLS).sort()).toEqual(Object.keys(WHO_GETS_2XX).sort());
    expect(routes.length).toBeGreaterThan(45);
  });

  it('every route × the sending side, the receiving side, a third country, the Secretariat and an observer', async () => {
    const mismatches: string[] = [];
    for (const route of ORDER) {
      for (const who of LABELS) {
        const res = await CELLS[route](USERS[who], who);
        responses.push({ route, who, res });
        const want = WHO_GETS_2XX[route].includes(who) ? '2xx' : '403/404';
        const got =
          res.status >= 200 && res.status < 300
            ? '2xx'
            : [403, 404].includes(res.status)
              ? '403/404'
              : `${res.status}`;
        if (got !== want)
          mismatches.push(`${route} by ${who}: expected ${want}, got ${res.status} ${res.body?.code ?? ''}`);
        if (res.status === 403 && !/^(auth\.forbidden\.|referral\.|pii\.)/.test(String(res.body?.code)))
          mismatches.push(`${route} by ${who}: 403 without a forbidden code (${res.body?.code})`);
      }
    }
    expect(mismatches).toEqual([]);
    expect(responses).toHaveLength(ORDER.length * LABELS.length);
  }, 600_000);

  it('a third country (Guatemala) gets nothing of the referral: not its id, not the case id, not the institutions of its sides', () => {
    const secrets = [world.referralId, world.caseId, ...CHILD_STRINGS];
    const referralOnly = ['MX-PROTECCION', 'HN-PROTECCION'];
    const leaks = responses
      .filter((r) => THIRD_COUNTRY.includes(r.who) && !GUATEMALA_IS_A_PARTY.has(r.route))
      .flatMap((r) =>
        [...secrets, ...(isDirectoryRoute(r.route) ? [] : referralOnly)]
          .filter((s) => r.res.text.includes(s))
          .map((s) => `${r.route} by ${r.who} (${r.res.status}) shows ${s}`),
      );
    expect(leaks).toEqual([]);
    // not vacuous: Guatemala's dashboards answered (2xx) and the sides' responses do show the referral
    expect(
      responses.filter(
        (r) => THIRD_COUNTRY.includes(r.who) && r.route.includes('/dashboards/') && r.res.status === 200,
      ),
    ).toHaveLength(8);
    expect(
      responses.find((r) => r.who === 'HN cw' && r.route === 'GET /referrals/referrals/{referralId}')!.res
        .text,
    ).toContain(world.caseId);
  });

  it('no response to the Secretariat (statuses, dashboards, aggregates, directory, denials) holds the child’s identifying data or a ciphertext', () => {
    const st = responses.filter((r) => SECRETARIAT.includes(r.who));
    const leaks = st.flatMap((r) =>
      CHILD_STRINGS.filter((s) => r.res.text.includes(s)).map((s) => `${r.route} by ${r.who} shows "${s}"`),
    );
    const ciphertexts = st
      .filter((r) => /"(ct|iv|kid)"\s*:/.test(r.res.text) || r.res.text.includes(`child-${world.caseId}`))
      .map((r) => `${r.route} by ${r.who}: a ciphertext field`);
    expect([...leaks, ...ciphertexts]).toEqual([]);
    // not vacuous: the Secretariat read the referral's status and its dashboards show it; the sender's reveal shows the child
    const status = st.find(
      (r) => r.route === 'GET /referrals/referrals/{referralId}' && r.who === 'ST analyst',
    )!;
    expect(status.res).toMatchObject({ status: 200, body: { status: 'acknowledged' } });
    expect(status.res.body).not.toHaveProperty('caseId');
    expect(
      st.find((r) => r.route === 'GET /referrals/dashboards/overdue' && r.who === 'ST coord')!.res.status,
    ).toBe(200);
    const reveal = responses.find(
      (r) => r.who === 'MX cw' && r.route === 'GET /referrals/cases/{caseId}/identifying',
    )!;
    expect(reveal.res.text).toContain(child.givenNames);
    const disclosed = responses.find(
      (r) => r.who === 'HN cw' && r.route === 'GET /referrals/referrals/{referralId}/disclosed-view',
    )!;
    expect(disclosed.res.text).toContain(child.givenNames);
  });
});
