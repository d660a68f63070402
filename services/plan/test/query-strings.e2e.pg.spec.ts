import { DEFAULT_FEATURES } from '../src/bootstrap';
import { expectBilingualError, startTestPlanService, type TestPlanService } from './support';

interface OpenApiParameter {
  name: string;
  in: string;
  example?: unknown;
  schema?: { example?: unknown; enum?: unknown[] };
}
interface OpenApiDocument {
  paths: Record<string, { get?: { parameters?: OpenApiParameter[] } }>;
}

/**
 * The routes of the service kit (`services/plan/src/http/`: health and the development issuer's JWKS), owned by
 * another part of the platform: they get their query-string DTO there. Every other GET route is checked.
 */

/** The path with each `{param}` replaced by the example (or first enum value) its document gives. */
function fill(path: string, parameters: OpenApiParameter[] = []): string {
  return path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const p = parameters.find((q) => q.in === 'path' && q.name === name);
    const value = p?.example ?? p?.schema?.example ?? p?.schema?.enum?.[0];
    if (value === undefined)
      throw new Error(`${path}: the document gives no example for path parameter ${name}`);
    return encodeURIComponent(String(value));
  });
}

/**
 * Every GET route of the plan service takes its query string as ONE class-validator DTO, so the global
 * ValidationPipe (whitelist + forbidNonWhitelisted) refuses a parameter it does not know: read the OpenAPI
 * document and send `?bogus=1` to every GET path in it (path parameters filled with valid values).
 */
describe('plan service: every GET route refuses an unknown query parameter (e2e, real PostgreSQL)', () => {
  let t: TestPlanService;
  let doc: OpenApiDocument;

  beforeAll(async () => {
    t = await startTestPlanService({ features: DEFAULT_FEATURES, prefix: 'plan_query' });
    doc = (await t.http().get('/docs/openapi.json').expect(200)).body as OpenApiDocument;
  });
  afterAll(async () => {
    await t?.stop();
  });

  const getPaths = () => Object.keys(doc.paths).filter((p) => doc.paths[p].get);

  it('the document lists the GET routes of every part of the service', () => {
    expect(getPaths().sort()).toEqual([
      '/health',
      '/health/live',
      '/health/ready',
      '/plan/catalogue',
      '/plan/catalogue/history',
      '/plan/countries/{country}/history',
      '/plan/countries/{country}/state',
      '/plan/countries/{country}/verify',
      '/plan/dashboard/activities/{activityId}',
      '/plan/dashboard/matrix',
      '/plan/dashboard/timeliness',
      '/plan/reports/{country}/{activityId}/{period}',
      '/plan/windows/{period}',
    ]);
  });

  it('documents the query parameters each route accepts (from its DTO)', () => {
    const query = (path: string) =>
      (doc.paths[path].get!.parameters ?? [])
        .filter((p) => p.in === 'query')
        .map((p) => `${p.name}${(p as { required?: boolean }).required ? '!' : ''}`)
        .sort();
    expect(query('/plan/catalogue')).toEqual(['asOf', 'plan', 'version']);
    expect(query('/plan/catalogue/history')).toEqual(['plan']);
    expect(query('/plan/countries/{country}/state')).toEqual(['asOf!', 'format', 'lang']);
    expect(query('/plan/countries/{country}/history')).toEqual(['format', 'from', 'lang', 'to']);
    expect(query('/plan/countries/{country}/verify')).toEqual([]);
    expect(query('/plan/dashboard/matrix')).toEqual(['country', 'period!', 'plan']);
    expect(query('/plan/dashboard/timeliness')).toEqual(['country', 'period!', 'plan']);
    expect(query('/plan/dashboard/activities/{activityId}')).toEqual(['country', 'period', 'plan']);
    expect(query('/plan/reports/{country}/{activityId}/{period}')).toEqual([]);
    expect(query('/plan/windows/{period}')).toEqual([]);
  });

  it('every GET path answers ?bogus=1 with 400 request.validation naming the parameter, in Spanish and English', async () => {
    const auth = await t.bearer('st.coordinator');
    for (const path of getPaths()) {
      const url = `${fill(path, doc.paths[path].get!.parameters)}?bogus=1`;
      const res = await t.http().get(url).set('Authorization', auth);
      expect({ url, status: res.status }).toEqual({ url, status: 400 });
      expectBilingualError(res.body, 'request.validation');
      expect({ url, problems: res.body.details.problems }).toEqual({
        url,
        problems: [{ field: 'bogus', constraints: ['whitelistValidation'] }],
      });
    }
  });

  it('the same routes answer their known parameters (the 400 above is about the unknown one)', async () => {
    const auth = await t.bearer('st.coordinator');
    const ok = [
      '/plan/catalogue?plan=2017-2022&version=1',
      '/plan/catalogue/history?plan=2017-2022',
      '/plan/countries/HN/state?asOf=2020-06-30T23:59:59Z&format=csv&lang=en',
      '/plan/countries/HN/history?from=2020-01-01T00:00:00Z&to=2020-06-30T23:59:59Z&format=markdown',
      '/plan/countries/HN/verify',
      '/plan/dashboard/activities/I.1.1.1?period=2020-S1&country=HN&plan=2017-2022',
      '/plan/dashboard/matrix?period=2020-S1&country=HN',
      '/plan/dashboard/timeliness?period=2020-S1&plan=2017-2022',
      '/plan/windows/2020-S1',
    ];
    for (const url of ok) {
      const res = await t.http().get(url).set('Authorization', auth);
      expect({ url, status: res.status }).toEqual({ url, status: 200 });
    }
    // the semantic checks keep their own es/en codes
    const missing = await t.http().get('/plan/countries/HN/state').set('Authorization', auth).expect(400);
    expectBilingualError(missing.body, 'plan.review.instant_required');
    const period = await t.http().get('/plan/dashboard/matrix').set('Authorization', auth).expect(400);
    expectBilingualError(period.body, 'plan.dashboard.invalid_period');
    const format = await t
      .http()
      .get('/plan/countries/HN/verify?format=csv')
      .set('Authorization', auth)
      .expect(400);
    expectBilingualError(format.body, 'request.validation');
  });
});
