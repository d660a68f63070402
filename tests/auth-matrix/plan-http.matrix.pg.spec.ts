/**
 * Authorisation matrix of the plan service over HTTP, with every feature module mounted (DEFAULT_FEATURES, as in
 * production): every route of its OpenAPI document × a representative principal of every role: each member
 * country's reporting officer, the other country roles of two countries (HN, GT; national systems of HN and MX), the
 * four Secretariat roles, two observers and civil society; country-scoped routes on the principal's own country and
 * on another one (HN and GT for principals without a member country). Expectations come from the readable table
 * below, interpreted by simple rules; they are NOT computed with the policy under test.
 * Allowed calls are set up to succeed (the report is in the state the command needs), so "allowed" means 2xx.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommandBus } from '@nestjs/cqrs';
import request from 'supertest';
import { demoAccounts, type Principal } from '@crm/auth';
import { startTestIdentity } from '@crm/identity/testing';
import { MEMBER_COUNTRIES, fixedClock, type Clock, type CountryCode } from '@crm/kernel';
import {
  ApproveReportCommand,
  DEFAULT_FEATURES,
  SaveDraftCommand,
  startPlanService,
  SubmitReportCommand,
  type PlanService,
} from '@crm/plan';
import { createTestDatabase } from '@crm/testing';
import { shiftPlan } from '@crm/plan/testing';

const DRAFT = {
  status: 'in_progress',
  narrative: { es: 'Avance del semestre.' },
  evidence: ['https://example.org/acta.pdf'],
};

interface TestPlanService {
  service: PlanService;
  http: () => ReturnType<typeof request>;
  bearer(username: string): Promise<string>;
  stop(): Promise<void>;
}

/**
 * The real plan service on a fresh test database and a free port, with every feature module (as production runs
 * it), verifying the tokens of a real identity service (tokens through its `POST /auth/login`).
 */
async function startTestPlanService(options: { clock: Clock; prefix: string }): Promise<TestPlanService> {
  const db = await createTestDatabase(options.prefix);
  const dir = mkdtempSync(join(tmpdir(), 'crm-plan-matrix-'));
  const identity = await startTestIdentity();
  // the matrix sends hundreds of requests a minute from one address: the rate limits are off here
  // (they are tested in libs/service-kit/test and services/plan/test/plan-operations.e2e.pg.spec.ts)
  const env = {
    DATABASE_URL: db.url,
    CRM_DATA_DIR: dir,
    RATE_LIMIT_PER_MINUTE: '0',
    LOGIN_RATE_LIMIT_PER_MINUTE: '10000',
    ...identity.env,
  };
  const service = await startPlanService({
    env,
    port: 0,
    host: '127.0.0.1',
    features: DEFAULT_FEATURES,
    clock: options.clock,
    log: () => undefined,
  });
  return {
    service,
    http: () => request(service.url),
    bearer: identity.bearer,
    async stop() {
      await service.close();
      await identity.stop();
      await db.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 *   public          no token needed
 *   everyone        any authenticated principal (observers and civil society included)
 *   own:<role>      that country role, on its own country's report only (the route must name the country)
 *   st:<role>       that Secretariat role (all countries)
 */
/** Who reads a country's reports, their as-of state and their history (plan.report.read, plan.review.asOf, plan.history.read). */
const COUNTRY_READERS = [
  'own:reporting_officer',
  'own:consular_officer',
  'own:protection_case_worker',
  'own:alert_focal_point',
  'own:national_system',
  'st:secretariat_coordinator',
  'st:secretariat_analyst',
];
const WHO_MAY: Record<string, string[]> = {
  'GET /health': ['public'],
  'GET /health/live': ['public'],
  'GET /health/ready': ['public'],
  'GET /plan/catalogue': ['everyone'],
  'GET /plan/catalogue/history': ['everyone'],
  'GET /plan/windows/:period': ['everyone'],
  'PUT /plan/windows/:period': ['st:secretariat_coordinator'],
  'POST /plan/catalogue/amendments': ['st:secretariat_coordinator'],
  'POST /plan/catalogue/import': ['st:secretariat_coordinator'],
  'PUT /plan/reports/:c/:a/:p (save draft)': ['own:reporting_officer', 'own:national_system'],
  'POST /plan/reports/:c/:a/:p/submit': ['own:reporting_officer', 'own:national_system'],
  'POST /plan/reports/:c/:a/:p/approve': ['st:secretariat_coordinator'],
  'POST /plan/reports/:c/:a/:p/return': ['st:secretariat_coordinator'],
  'POST /plan/reports/:c/:a/:p/reopen': ['st:secretariat_coordinator'],
  'GET /plan/reports/:c/:a/:p': COUNTRY_READERS,
  // review (from the event store): the as-of state, the accountability history and its verification
  'GET /plan/countries/:c/state': COUNTRY_READERS,
  'GET /plan/countries/:c/history': COUNTRY_READERS,
  'GET /plan/countries/:c/verify': COUNTRY_READERS,
  // dashboards (read models): `?country=` names the country; without it only the Secretariat may ask (all countries)
  'GET /plan/dashboard/matrix': COUNTRY_READERS,
  'GET /plan/dashboard/matrix (no country)': ['st:secretariat_coordinator', 'st:secretariat_analyst'],
  'GET /plan/dashboard/timeliness': COUNTRY_READERS,
  'GET /plan/dashboard/activities/:activityId': COUNTRY_READERS,
  // operating the platform: no country content
  'POST /plan/read-models/rebuild': ['st:secretariat_coordinator', 'st:platform_admin'],
};

interface Who {
  label: string;
  username: string;
  role: string;
  /** The principal's member country, or null for the Secretariat and organisations. */
  country: CountryCode | null;
  kind: 'country' | 'st' | 'org';
}

const other = (cc: CountryCode): CountryCode =>
  MEMBER_COUNTRIES[(MEMBER_COUNTRIES.indexOf(cc) + 1) % MEMBER_COUNTRIES.length];

const PRINCIPALS: Who[] = [
  ...MEMBER_COUNTRIES.map((cc) => ({
    label: `${cc} reporting officer`,
    username: `${cc.toLowerCase()}.reporting_officer`,
    role: 'reporting_officer',
    country: cc,
    kind: 'country' as const,
  })),
  {
    label: 'HN consular officer',
    username: 'hn.consular_officer',
    role: 'consular_officer',
    country: 'HN',
    kind: 'country',
  },
  {
    label: 'HN protection case worker',
    username: 'hn.protection_case_worker',
    role: 'protection_case_worker',
    country: 'HN',
    kind: 'country',
  },
  {
    label: 'HN alert focal point',
    username: 'hn.alert_focal_point',
    role: 'alert_focal_point',
    country: 'HN',
    kind: 'country',
  },
  {
    label: 'HN national system',
    username: 'hn.national_system',
    role: 'national_system',
    country: 'HN',
    kind: 'country',
  },
  {
    label: 'GT consular officer',
    username: 'gt.consular_officer',
    role: 'consular_officer',
    country: 'GT',
    kind: 'country',
  },
  {
    label: 'GT protection case worker',
    username: 'gt.protection_case_worker',
    role: 'protection_case_worker',
    country: 'GT',
    kind: 'country',
  },
  {
    label: 'GT alert focal point',
    username: 'gt.alert_focal_point',
    role: 'alert_focal_point',
    country: 'GT',
    kind: 'country',
  },
  {
    label: 'MX national system',
    username: 'mx.national_system',
    role: 'national_system',
    country: 'MX',
    kind: 'country',
  },
  {
    label: 'ST coordinator',
    username: 'st.coordinator',
    role: 'secretariat_coordinator',
    country: null,
    kind: 'st',
  },
  { label: 'ST analyst', username: 'st.analyst', role: 'secretariat_analyst', country: null, kind: 'st' },
  {
    label: 'ST practice reviewer',
    username: 'st.practice_reviewer',
    role: 'practice_reviewer',
    country: null,
    kind: 'st',
  },
  { label: 'platform admin', username: 'platform.admin', role: 'platform_admin', country: null, kind: 'st' },
  { label: 'UNICEF observer', username: 'unicef.observer', role: 'observer', country: null, kind: 'org' },
  { label: 'ICRC observer', username: 'icrc.observer', role: 'observer', country: null, kind: 'org' },
  {
    label: 'RROCM civil society',
    username: 'rrocm.civil_society',
    role: 'civil_society_submitter',
    country: null,
    kind: 'org',
  },
];

/** The table's verdict for one principal on one endpoint about `reportCountry` (if the endpoint is about a report). */
function expectedAllowed(endpoint: string, who: Who, reportCountry: CountryCode | null): boolean {
  return WHO_MAY[endpoint].some((rule) => {
    if (rule === 'public' || rule === 'everyone') return true;
    const [scope, role] = rule.split(':');
    if (role !== who.role) return false;
    if (scope === 'st') return who.kind === 'st';
    return (
      scope === 'own' && who.kind === 'country' && reportCountry !== null && who.country === reportCountry
    );
  });
}

type Prereq = 'none' | 'draft' | 'submitted' | 'approved';
const REPORT_ENDPOINTS: Array<[string, Prereq]> = [
  ['PUT /plan/reports/:c/:a/:p (save draft)', 'none'],
  ['POST /plan/reports/:c/:a/:p/submit', 'draft'],
  ['POST /plan/reports/:c/:a/:p/approve', 'submitted'],
  ['POST /plan/reports/:c/:a/:p/return', 'submitted'],
  ['POST /plan/reports/:c/:a/:p/reopen', 'approved'],
  ['GET /plan/reports/:c/:a/:p', 'draft'],
];

describe('plan service HTTP authorisation matrix (real PostgreSQL)', () => {
  let t: TestPlanService;
  let commandBus: CommandBus;
  let activities: string[];
  let principals: Map<string, Principal>;
  const periods = ['2017-S1', '2017-S2', '2018-S1', '2018-S2', '2019-S1', '2019-S2', '2020-S1'];
  let next = 0;
  const freshKey = () => {
    const i = next++;
    return {
      activityId: activities[i % activities.length],
      period: periods[Math.floor(i / activities.length)],
    };
  };

  beforeAll(async () => {
    t = await startTestPlanService({ clock: fixedClock('2020-07-10T12:00:00.000Z'), prefix: 'plan_matrix' });
    commandBus = t.service.app.get(CommandBus);
    const catalogue = (
      await t
        .http()
        .get('/plan/catalogue')
        .set('Authorization', await t.bearer('st.analyst'))
        .expect(200)
    ).body;
    activities = catalogue.catalogue.activities.map((a: { id: string }) => a.id);
    principals = new Map(demoAccounts().map((a) => [a.username, a.principal]));
  });
  afterAll(async () => {
    await t?.stop();
  });

  /** Brings a fresh report of `country` to `state` (as its reporting officer and the Secretariat coordinator). */
  async function prepare(country: CountryCode, state: Prereq): Promise<string> {
    const key = { country, ...freshKey() };
    const officer = principals.get(`${country.toLowerCase()}.reporting_officer`)!;
    const st = principals.get('st.coordinator')!;
    if (state !== 'none')
      await commandBus.execute(new SaveDraftCommand(officer, { ...key, content: DRAFT as never }));
    if (state === 'submitted' || state === 'approved')
      await commandBus.execute(new SubmitReportCommand(officer, key));
    if (state === 'approved') await commandBus.execute(new ApproveReportCommand(st, key));
    return `/plan/reports/${key.country}/${key.activityId}/${key.period}`;
  }

  async function call(endpoint: string, path: string, auth: string | null) {
    const req = (r: ReturnType<ReturnType<TestPlanService['http']>['get']>) =>
      auth ? r.set('Authorization', auth) : r;
    const h = t.http();
    if (endpoint.startsWith('PUT /plan/reports')) return req(h.put(path)).send(DRAFT);
    if (endpoint.endsWith('/submit')) return req(h.post(`${path}/submit`));
    if (endpoint.endsWith('/approve')) return req(h.post(`${path}/approve`)).send({});
    if (endpoint.endsWith('/return'))
      return req(h.post(`${path}/return`)).send({ comments: { es: 'Revisar.' } });
    if (endpoint.endsWith('/reopen'))
      return req(h.post(`${path}/reopen`)).send({ reason: { es: 'Corrección.' } });
    return req(h.get(path));
  }

  const outcome = (status: number) =>
    status >= 200 && status < 300 ? 'allowed' : status === 403 ? 'denied' : `status ${status}`;

  it('report endpoints: every principal on its own and on another country’s report', async () => {
    const mismatches: string[] = [];
    let cells = 0;
    for (const [endpoint, prereq] of REPORT_ENDPOINTS) {
      for (const who of PRINCIPALS) {
        const targets: CountryCode[] = who.country ? [who.country, other(who.country)] : ['HN', 'GT'];
        for (const target of targets) {
          const path = await prepare(target, prereq);
          const res = await call(endpoint, path, await t.bearer(who.username));
          const want = expectedAllowed(endpoint, who, target) ? 'allowed' : 'denied';
          cells++;
          if (outcome(res.status) !== want)
            mismatches.push(
              `${endpoint} by ${who.label} on ${target}: expected ${want}, got ${res.status} ${res.body?.code ?? ''}`,
            );
          if (want === 'denied' && res.status === 403 && !String(res.body.code).startsWith('auth.forbidden.'))
            mismatches.push(`${endpoint} by ${who.label}: 403 code ${res.body.code}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
    expect(cells).toBe(REPORT_ENDPOINTS.length * PRINCIPALS.length * 2);
  });

  it('platform-wide endpoints for every principal: catalogue, windows, health, dashboard without a country, read-model rebuild', async () => {
    const catalogue = (
      await t
        .http()
        .get('/plan/catalogue')
        .set('Authorization', await t.bearer('st.analyst'))
    ).body.catalogue;
    let n = 0;
    const mismatches: string[] = [];
    const endpoints: Array<[string, (auth: string) => Promise<{ status: number; body: any }>]> = [
      ['GET /health', (a) => t.http().get('/health').set('Authorization', a)],
      ['GET /health/live', (a) => t.http().get('/health/live').set('Authorization', a)],
      ['GET /health/ready', (a) => t.http().get('/health/ready').set('Authorization', a)],
      ['GET /plan/catalogue', (a) => t.http().get('/plan/catalogue').set('Authorization', a)],
      ['GET /plan/catalogue/history', (a) => t.http().get('/plan/catalogue/history').set('Authorization', a)],
      ['GET /plan/windows/:period', (a) => t.http().get('/plan/windows/2021-S1').set('Authorization', a)],
      [
        'PUT /plan/windows/:period',
        (a) =>
          t
            .http()
            .put('/plan/windows/2021-S1')
            .set('Authorization', a)
            .send({
              opensAt: '2021-07-01T00:00:00Z',
              closesAt: '2021-08-15T00:00:00Z',
              reason: { es: 'Reunión de la Red.' },
            }),
      ],
      [
        'POST /plan/catalogue/amendments',
        (a) =>
          t
            .http()
            .post('/plan/catalogue/amendments')
            .set('Authorization', a)
            .send({
              type: 'reword',
              activityId: 'I.1.1.1',
              text: { es: `Texto ${++n}`, en: `Text ${n}` },
              reason: { es: 'Matriz.' },
            }),
      ],
      [
        'POST /plan/catalogue/import',
        (a) =>
          t
            .http()
            .post('/plan/catalogue/import')
            .set('Authorization', a)
            .send({ catalogue: shiftPlan(catalogue, 6) }),
      ],
      [
        'GET /plan/dashboard/matrix (no country)',
        (a) => t.http().get('/plan/dashboard/matrix?period=2020-S1').set('Authorization', a),
      ],
      [
        'POST /plan/read-models/rebuild',
        (a) => t.http().post('/plan/read-models/rebuild').set('Authorization', a),
      ],
    ];
    for (const [endpoint, send] of endpoints) {
      for (const who of PRINCIPALS) {
        const res = await send(await t.bearer(who.username));
        const want = expectedAllowed(endpoint, who, null) ? 'allowed' : 'denied';
        if (outcome(res.status) !== want)
          mismatches.push(
            `${endpoint} by ${who.label}: expected ${want}, got ${res.status} ${res.body?.code ?? ''}`,
          );
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('review and dashboard endpoints: every principal on its own and on another country', async () => {
    const asOf = encodeURIComponent('2020-07-10T12:00:00Z');
    const endpoints: Array<[string, (country: CountryCode) => string]> = [
      ['GET /plan/countries/:c/state', (c) => `/plan/countries/${c}/state?asOf=${asOf}`],
      ['GET /plan/countries/:c/history', (c) => `/plan/countries/${c}/history`],
      ['GET /plan/countries/:c/verify', (c) => `/plan/countries/${c}/verify`],
      ['GET /plan/dashboard/matrix', (c) => `/plan/dashboard/matrix?period=2020-S1&country=${c}`],
      ['GET /plan/dashboard/timeliness', (c) => `/plan/dashboard/timeliness?period=2020-S1&country=${c}`],
      [
        'GET /plan/dashboard/activities/:activityId',
        (c) => `/plan/dashboard/activities/${activities[0]}?country=${c}`,
      ],
    ];
    const mismatches: string[] = [];
    let cells = 0;
    for (const [endpoint, path] of endpoints) {
      for (const who of PRINCIPALS) {
        const auth = await t.bearer(who.username);
        const targets: CountryCode[] = who.country ? [who.country, other(who.country)] : ['HN', 'GT'];
        for (const target of targets) {
          const res = await t.http().get(path(target)).set('Authorization', auth);
          const want = expectedAllowed(endpoint, who, target) ? 'allowed' : 'denied';
          cells++;
          if (outcome(res.status) !== want)
            mismatches.push(
              `${endpoint} by ${who.label} on ${target}: expected ${want}, got ${res.status} ${res.body?.code ?? ''}`,
            );
          if (want === 'denied' && res.status === 403 && !String(res.body.code).startsWith('auth.forbidden.'))
            mismatches.push(`${endpoint} by ${who.label}: 403 code ${res.body.code}`);
          // an allowed dashboard answers the country asked for, and only that one
          if (
            want === 'allowed' &&
            endpoint.startsWith('GET /plan/dashboard/') &&
            Array.isArray(res.body.countries)
          ) {
            const shown = res.body.countries.map((c: { country: string }) => c.country);
            if (JSON.stringify(shown) !== JSON.stringify([target]))
              mismatches.push(`${endpoint} by ${who.label} on ${target}: shows ${shown.join(',')}`);
          }
        }
      }
    }
    expect(mismatches).toEqual([]);
    expect(cells).toBe(endpoints.length * PRINCIPALS.length * 2);
  });

  it('every non-public endpoint answers 401 without a token', async () => {
    const path = await prepare('HN', 'draft');
    for (const [endpoint] of REPORT_ENDPOINTS) expect((await call(endpoint, path, null)).status).toBe(401);
    expect((await t.http().get('/plan/catalogue')).status).toBe(401);
    expect((await t.http().get('/plan/catalogue/history')).status).toBe(401);
    expect((await t.http().get('/plan/windows/2020-S1')).status).toBe(401);
    expect((await t.http().put('/plan/windows/2020-S1').send({})).status).toBe(401);
    expect((await t.http().post('/plan/catalogue/amendments').send({})).status).toBe(401);
    expect((await t.http().post('/plan/catalogue/import').send({})).status).toBe(401);
    expect((await t.http().get('/plan/countries/HN/state?asOf=2020-07-10T12:00:00Z')).status).toBe(401);
    expect((await t.http().get('/plan/countries/HN/history')).status).toBe(401);
    expect((await t.http().get('/plan/countries/HN/verify')).status).toBe(401);
    expect((await t.http().get('/plan/dashboard/matrix?period=2020-S1&country=HN')).status).toBe(401);
    expect((await t.http().get('/plan/dashboard/timeliness?period=2020-S1&country=HN')).status).toBe(401);
    expect((await t.http().get('/plan/dashboard/activities/I.1.1.1?country=HN')).status).toBe(401);
    expect((await t.http().post('/plan/read-models/rebuild')).status).toBe(401);
  });

  it('the table covers every route of the (fully featured) OpenAPI document, and names no other', async () => {
    const doc = (await t.http().get('/docs/openapi.json').expect(200)).body;
    const normalise = (k: string) =>
      k
        .replace(/ \(.*\)$/, '')
        .replace(':c/:a/:p', '{country}/{activityId}/{period}')
        .replace(':c/', '{country}/')
        .replace(/:(\w+)/g, '{$1}');
    const covered = new Set(Object.keys(WHO_MAY).map(normalise));
    const routes = Object.entries(doc.paths as Record<string, object>).flatMap(([p, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`),
    );
    expect(routes.filter((r) => !covered.has(r))).toEqual([]);
    expect([...covered].filter((r) => !routes.includes(r))).toEqual([]);
    // the feature modules' routes are mounted (not vacuously covered)
    expect(routes).toEqual(
      expect.arrayContaining([
        'GET /plan/countries/{country}/state',
        'GET /plan/dashboard/matrix',
        'POST /plan/read-models/rebuild',
      ]),
    );
  });
});
