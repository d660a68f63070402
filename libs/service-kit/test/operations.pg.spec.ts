import { CE_HEADERS, inboundTopic } from '@crm/contracts';
import { eventually, FAKE_PROJECTION, startNotesService, type TestNotesService } from './kit-test-service';

/** The samples of a series in Prometheus text whose labels include `labels` (in any order). */
function samples(text: string, name: string, labels: Record<string, string>): number[] {
  const out: number[] = [];
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const got = Object.fromEntries(
      [...(m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((l) => [l[1], l[2]]),
    );
    if (Object.entries(labels).every(([k, v]) => got[k] === v)) out.push(Number(m[3]));
  }
  return out;
}

/** Operations of every service, on the notes service: health, metrics, helmet and /docs, CORS, rate limits. */
describe('service kit operations (real PostgreSQL)', () => {
  let t: TestNotesService;

  beforeAll(async () => {
    t = await startNotesService({ env: { READY_MAX_LAG_EVENTS: '3' } });
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('answers liveness without a token (and /health as its alias)', async () => {
    await t.http().get('/health/live').expect(200, { status: 'ok', service: 'notes' });
    await t.http().get('/health').expect(200, { status: 'ok', service: 'notes' });
  });

  it('is ready when the database, the bus, the relay and the projection are within READY_MAX_LAG_EVENTS, 503 when a lag is over it', async () => {
    const auth = await t.bearer();
    for (let i = 0; i < 4; i++)
      await t.http().put(`/notes/lag-${i}`).set('Authorization', auth).send({ text: 'x' });
    FAKE_PROJECTION.at = undefined; // has applied nothing: 4 note events behind, bound 3
    const behind = await t.http().get('/health/ready').expect(503);
    expect(behind.body).toMatchObject({
      status: 'error',
      info: { database: { status: 'up' }, bus: { status: 'up' } },
      error: {
        'projection:kit-notes': { status: 'down', message: expect.stringContaining('READY_MAX_LAG_EVENTS') },
      },
    });

    const head = await t.service.platform.store.readAll({ filter: { streamPrefixes: ['kitNote-'] } });
    FAKE_PROJECTION.at = head[head.length - 2].position; // one event behind
    await eventually(async () => (await t.http().get('/health/ready')).status === 200); // the relay catches up too
    const ready = await t.http().get('/health/ready').expect(200);
    expect(ready.body).toMatchObject({
      status: 'ok',
      details: {
        database: { status: 'up' },
        bus: { status: 'up' },
        'relay:kit-notes-relay': { status: 'up', lagEvents: 0, maxLagEvents: 3 },
        'projection:kit-notes': { status: 'up', lagEvents: 1, maxLagEvents: 3 },
      },
    });
  });

  it('exposes the Prometheus series: latency per route pattern and status, appends, lags, dead letters, Node defaults', async () => {
    const auth = await t.bearer();
    await t.http().put('/notes/m-1').set('Authorization', auth).send({ text: 'metrics' }).expect(200);
    await t.http().get('/notes/m-1').set('Authorization', auth).expect(200);
    await t.http().get('/notes/does-not-exist').set('Authorization', auth).expect(404);
    // a record a national system got wrong: the inbound gateway dead-letters it
    await t.service.platform.bus.publish([
      {
        topic: inboundTopic('HN', 'plan'),
        key: 'k',
        value: Buffer.from('not json'),
        headers: { [CE_HEADERS.id]: 'x' },
      },
    ]);
    let text = '';
    await eventually(async () => {
      text = (await t.http().get('/metrics').expect(200)).text;
      return /crm_dead_letters_total\{[^}]*code="/.test(text);
    });
    const res = await t.http().get('/metrics').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain;.*version=0\.0\.4/);
    text = res.text;
    const one = (name: string, labels: Record<string, string>) => {
      const found = samples(text, name, labels);
      expect([name, labels, found.length]).toEqual([name, labels, 1]);
      return found[0];
    };
    one('http_request_duration_seconds_bucket', {
      le: '+Inf',
      method: 'PUT',
      route: '/notes/:id',
      status: '200',
    });
    expect(
      one('http_request_duration_seconds_count', { method: 'GET', route: '/notes/:id', status: '404' }),
    ).toBe(1);
    expect(text).not.toContain('/notes/m-1');
    expect(text).not.toContain('does-not-exist');
    expect(
      one('crm_events_appended_total', { category: 'kitNote', service: 'notes' }),
    ).toBeGreaterThanOrEqual(5);
    expect(one('crm_relay_lag_events', { relay: 'kit-notes-relay' })).toBe(0);
    expect(one('crm_projection_lag_events', { projection: 'kit-notes' })).toBeGreaterThanOrEqual(1);
    expect(one('crm_dead_letters_total', { topic: 'crm.HN.in.plan' })).toBe(1);
    one('process_cpu_user_seconds_total', { service: 'notes' });
    one('nodejs_eventloop_lag_seconds', { service: 'notes' });
  });

  it('sends helmet headers and keeps the Swagger UI at /docs working under its CSP', async () => {
    const docs = await t.http().get('/docs').redirects(1).expect(200);
    const csp = docs.headers['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(docs.headers['x-content-type-options']).toBe('nosniff');
    expect(docs.headers['x-frame-options']).toBe('SAMEORIGIN');
    // the CSP forbids inline scripts: every script of the page is a file of the service, and it is served
    const scripts = [...docs.text.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(body.trim()).toBe('');
      const src = /src="([^"]+)"/.exec(attributes)![1];
      expect(src).not.toMatch(/^https?:/);
      await t
        .http()
        .get(new URL(src, `${t.service.url}/docs`).pathname)
        .expect(200);
    }
    await t.http().get('/docs/openapi.json').expect(200);
  });

  it('answers no CORS headers unless CORS_ORIGINS is set', async () => {
    const res = await t
      .http()
      .options('/notes/n1')
      .set('Origin', 'https://crm.example.org')
      .set('Access-Control-Request-Method', 'PUT');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('service kit CORS and rate limits', () => {
  let t: TestNotesService;

  beforeAll(async () => {
    t = await startNotesService({
      env: {
        CORS_ORIGINS: 'https://crm.example.org,http://localhost:5173',
        RATE_LIMIT_PER_MINUTE: '8',
        LOGIN_RATE_LIMIT_PER_MINUTE: '2',
      },
      features: [],
    });
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('allows exactly the configured origins, with the kit headers', async () => {
    const allowed = await t
      .http()
      .options('/notes/n1')
      .set('Origin', 'http://localhost:5173')
      .set('Access-Control-Request-Method', 'PUT')
      .set('Access-Control-Request-Headers', 'authorization,if-match,idempotency-key')
      .expect(204);
    expect(allowed.headers['access-control-allow-origin']).toBe('http://localhost:5173');
    expect(allowed.headers['access-control-allow-headers']).toContain('If-Match');
    const other = await t
      .http()
      .options('/notes/n1')
      .set('Origin', 'https://evil.example')
      .set('Access-Control-Request-Method', 'PUT');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    const read = await t.http().get('/health/live').set('Origin', 'https://crm.example.org').expect(200);
    expect(read.headers['access-control-expose-headers']).toContain('ETag');
  });

  it('limits login attempts per minute (429 es/en, Retry-After), and every route together per address', async () => {
    await t.http().post('/auth/login').expect(200);
    await t.http().post('/auth/login').expect(200);
    const login = await t.http().post('/auth/login').expect(429);
    expect(login.body).toEqual({
      code: 'http.rate_limited',
      message: { es: expect.stringContaining('Demasiadas'), en: expect.stringContaining('Too many') },
      details: {},
    });
    expect(Number(login.headers['retry-after-login'])).toBeGreaterThan(0);

    // the general limit (8) counts every route of the address together: the 3 logins, then 5 reads pass
    const auth = await t.bearer();
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++)
      statuses.push((await t.http().get(`/notes/r-${i}`).set('Authorization', auth)).status);
    expect(statuses).toEqual([404, 404, 404, 404, 404, 429, 429, 429]);
    const limited = await t.http().get('/notes/r-x').set('Authorization', auth).expect(429);
    expect(limited.body.code).toBe('http.rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // the limit is checked before the token: a flood of bad tokens is limited too
    await t.http().get('/notes/r-y').set('Authorization', 'Bearer forged').expect(429);
    // health and metrics are never limited (probes and scrapers)
    await t.http().get('/health/live').expect(200);
    await t.http().get('/metrics').expect(200);
  });
});
