/**
 * The identity service over real HTTP, as every service and the launcher use it: discovery document, JWKS,
 * the demo login (200, 400, 401 in es/en), its key kept on disk, its refusal to run in production. It keeps no
 * events, so no database is involved (unit project).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt, type JWK } from 'jose';
import request from 'supertest';
import { JwtVerifier } from '@crm/auth';
import { ConfigurationError } from '@crm/config';
import { startService, type RunningService } from '@crm/service-kit';
import { describeIdentityService, IDENTITY_SERVICE } from './bootstrap';

const start = (env: NodeJS.ProcessEnv) =>
  startService(IDENTITY_SERVICE, { env, port: 0, host: '127.0.0.1', log: () => undefined });

function expectBilingual(body: any, code: string): void {
  expect(body).toEqual({
    code,
    message: { es: expect.any(String), en: expect.any(String) },
    details: expect.any(Object),
  });
  expect(body.message.es).not.toBe(body.message.en);
}

describe('identity service', () => {
  let dir: string;
  let identity: RunningService<null>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'crm-identity-spec-'));
    identity = await start({ CRM_DATA_DIR: dir, LOGIN_RATE_LIMIT_PER_MINUTE: '1000' });
  });
  afterAll(async () => {
    await identity?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs without the platform: no database, only its key under CRM_DATA_DIR', () => {
    expect(identity.platform).toBeNull();
    expect(readdirSync(dir)).toEqual(['dev-issuer']);
    expect(readdirSync(join(dir, 'dev-issuer'))).toEqual(['es256-private.jwk.json']);
  });

  it('publishes its OpenID metadata: issuer = its URL, JWKS, the login as token endpoint, ES256, the claims', async () => {
    const { body } = await request(identity.url).get('/.well-known/openid-configuration').expect(200);
    expect(body).toMatchObject({
      issuer: identity.url,
      jwks_uri: `${identity.url}/.well-known/jwks.json`,
      token_endpoint: `${identity.url}/auth/login`,
      id_token_signing_alg_values_supported: ['ES256'],
    });
    expect(body.claims_supported).toEqual(
      expect.arrayContaining([
        'sub',
        'crm_country',
        'crm_institution',
        'crm_organisation',
        'crm_roles',
        'name',
      ]),
    );
  });

  it('publishes only the public half of the key on disk in its JWKS', async () => {
    const { body } = await request(identity.url).get('/.well-known/jwks.json').expect(200);
    const onDisk = JSON.parse(readFileSync(join(dir, 'dev-issuer', 'es256-private.jwk.json'), 'utf8')) as JWK;
    expect(body.keys).toEqual([
      { kty: 'EC', crv: 'P-256', x: onDisk.x, y: onDisk.y, kid: onDisk.kid, alg: 'ES256', use: 'sig' },
    ]);
  });

  it('logs a demo account in: a token any service verifies against its JWKS, issuer and audience', async () => {
    const { body } = await request(identity.url)
      .post('/auth/login')
      .send({ username: 'hn.reporting_officer', password: 'demo' })
      .expect(200);
    expect(body).toMatchObject({
      tokenType: 'Bearer',
      expiresIn: 28800,
      principal: { subject: 'dev|hn.reporting_officer', country: 'HN', roles: ['reporting_officer'] },
    });
    expect(decodeJwt(body.accessToken)).toMatchObject({
      iss: identity.url,
      aud: 'crm-platform',
      sub: 'dev|hn.reporting_officer',
    });
    const verifier = new JwtVerifier({
      issuer: identity.url,
      audience: 'crm-platform',
      jwksUrl: `${identity.url}/.well-known/jwks.json`,
    });
    await expect(verifier.verify(body.accessToken)).resolves.toMatchObject({
      subject: 'dev|hn.reporting_officer',
      country: 'HN',
      institution: 'HN/MRE',
    });
  });

  it('answers a wrong password or an unknown account 401 and a missing password 400, in es/en', async () => {
    const wrong = await request(identity.url)
      .post('/auth/login')
      .send({ username: 'st.coordinator', password: 'nope' })
      .expect(401);
    expectBilingual(wrong.body, 'auth.bad_credentials');
    expect(wrong.body.message).toEqual({
      es: 'Usuario o contraseña incorrectos.',
      en: 'Wrong username or password.',
    });
    const unknown = await request(identity.url)
      .post('/auth/login')
      .send({ username: 'nobody', password: 'demo' })
      .expect(401);
    expectBilingual(unknown.body, 'auth.bad_credentials');
    const missing = await request(identity.url)
      .post('/auth/login')
      .send({ username: 'st.coordinator' })
      .expect(400);
    expectBilingual(missing.body, 'request.validation');
  });

  it('limits POST /auth/login per address (LOGIN_RATE_LIMIT_PER_MINUTE): 429 es/en, other routes unaffected', async () => {
    const own = mkdtempSync(join(tmpdir(), 'crm-identity-limit-'));
    const limited = await start({ CRM_DATA_DIR: own, LOGIN_RATE_LIMIT_PER_MINUTE: '3' });
    try {
      const attempt = () =>
        request(limited.url).post('/auth/login').send({ username: 'hn.reporting_officer', password: 'demo' });
      for (let i = 0; i < 3; i++) expect((await attempt()).status).toBe(200);
      const refused = await attempt().expect(429);
      expectBilingual(refused.body, 'http.rate_limited');
      await request(limited.url).get('/.well-known/jwks.json').expect(200);
    } finally {
      await limited.close();
      rmSync(own, { recursive: true, force: true });
    }
  });

  it('lists the demo usernames (never a password)', async () => {
    const { body } = await request(identity.url).get('/auth/accounts').expect(200);
    expect(body.usernames).toEqual(
      expect.arrayContaining(['hn.reporting_officer', 'st.coordinator', 'unicef.observer', 'platform.admin']),
    );
    expect(JSON.stringify(body)).not.toContain('demo');
  });

  it('prints where to log in, in Spanish and English', () => {
    const lines = describeIdentityService(identity).join('\n');
    expect(lines).toContain(`POST ${identity.url}/auth/login`);
    expect(lines).toContain(`${identity.url}/.well-known/openid-configuration`);
    expect(lines).toMatch(/Servicio de identidad .* Identity service/);
    expect(lines).toMatch(/Cuentas de demostración \/ Demo accounts \(\d+;/);
  });

  it('keeps its key across restarts, and takes IDENTITY_ISSUER_URL and DEV_ISSUER_PASSWORD', async () => {
    const again = await start({
      DEV_ISSUER_DIR: join(dir, 'dev-issuer'),
      IDENTITY_ISSUER_URL: 'https://login.example.org/',
      DEV_ISSUER_PASSWORD: 's3cret',
    });
    try {
      const first = (await request(identity.url).get('/.well-known/jwks.json')).body;
      expect((await request(again.url).get('/.well-known/jwks.json')).body).toEqual(first);
      const doc = (await request(again.url).get('/.well-known/openid-configuration')).body;
      expect(doc).toMatchObject({
        issuer: 'https://login.example.org',
        jwks_uri: 'https://login.example.org/.well-known/jwks.json',
      });
      await request(again.url)
        .post('/auth/login')
        .send({ username: 'st.analyst', password: 'demo' })
        .expect(401);
      const ok = await request(again.url)
        .post('/auth/login')
        .send({ username: 'st.analyst', password: 's3cret' })
        .expect(200);
      expect(decodeJwt(ok.body.accessToken).iss).toBe('https://login.example.org');
    } finally {
      await again.close();
    }
  });

  it('refuses to start with NODE_ENV=production, in es/en, before creating a key', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'crm-identity-prod-'));
    try {
      const err = await start({ NODE_ENV: 'production', CRM_DATA_DIR: empty }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ConfigurationError);
      expect((err as ConfigurationError).details.variable).toBe('NODE_ENV');
      expect((err as ConfigurationError).text.es).toMatch(/no se ejecuta en producción/);
      expect((err as ConfigurationError).text.en).toMatch(/does not run in production/);
      expect(readdirSync(empty)).toEqual([]);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
