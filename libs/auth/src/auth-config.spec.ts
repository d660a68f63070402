import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigurationError } from '@crm/config';
import { createAuthentication, loadAuthConfig, loadDevIssuerConfig } from './auth-config';
import { DevIssuer } from './dev-issuer';
import { JwtVerifier } from './jwt';

/** The ConfigurationError `load` throws, naming `variable`. */
function refusal(load: () => unknown, variable: string): ConfigurationError {
  let err: unknown;
  try {
    load();
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(ConfigurationError);
  expect((err as ConfigurationError).details.variable).toBe(variable);
  return err as ConfigurationError;
}

describe('auth configuration', () => {
  it('defaults to OIDC against the local identity service (development mode)', () => {
    expect(loadAuthConfig({ CRM_DATA_DIR: '/var/crm' })).toEqual({
      mode: 'dev',
      issuer: 'http://127.0.0.1:3000',
      audience: 'crm-platform',
      jwksUrl: 'http://127.0.0.1:3000/.well-known/jwks.json',
      identityUrl: 'http://127.0.0.1:3000',
    });
  });

  it('follows IDENTITY_URL and IDENTITY_ISSUER_URL, and lets OIDC_* override each setting in development mode', () => {
    expect(
      loadAuthConfig({
        IDENTITY_URL: 'http://identity:4000/',
        IDENTITY_ISSUER_URL: 'https://login.example.org',
      }),
    ).toEqual({
      mode: 'dev',
      issuer: 'https://login.example.org',
      audience: 'crm-platform',
      jwksUrl: 'http://identity:4000/.well-known/jwks.json',
      identityUrl: 'http://identity:4000',
    });
    expect(
      loadAuthConfig({
        IDENTITY_URL: 'http://identity:4000',
        OIDC_ISSUER: 'urn:test',
        OIDC_AUDIENCE: 'crm-test',
        OIDC_JWKS_URL: 'http://keys:1/jwks',
      }),
    ).toMatchObject({ issuer: 'urn:test', audience: 'crm-test', jwksUrl: 'http://keys:1/jwks' });
  });

  it('reads the OIDC settings', () => {
    const c = loadAuthConfig({
      AUTH_MODE: 'oidc',
      OIDC_ISSUER: 'https://idp/realms/crm',
      OIDC_AUDIENCE: 'crm',
      OIDC_JWKS_URL: 'https://idp/realms/crm/certs',
      IDENTITY_URL: 'http://ignored:3000',
    });
    expect(c).toEqual({
      mode: 'oidc',
      issuer: 'https://idp/realms/crm',
      audience: 'crm',
      jwksUrl: 'https://idp/realms/crm/certs',
    });
  });

  it.each([
    [{ AUTH_MODE: 'ldap' }, 'AUTH_MODE'],
    [{ AUTH_MODE: 'oidc', OIDC_AUDIENCE: 'a', OIDC_JWKS_URL: 'https://x' }, 'OIDC_ISSUER'],
    [{ AUTH_MODE: 'oidc', OIDC_ISSUER: 'i', OIDC_AUDIENCE: 'a', OIDC_JWKS_URL: 'ftp://x' }, 'OIDC_JWKS_URL'],
    [{ IDENTITY_URL: 'localhost:3000' }, 'IDENTITY_URL'],
    [{ IDENTITY_ISSUER_URL: 'http://' }, 'IDENTITY_ISSUER_URL'],
    [{ OIDC_JWKS_URL: 'keys.json' }, 'OIDC_JWKS_URL'],
  ])('refuses %j naming %s in es/en', (env, variable) => {
    const err = refusal(() => loadAuthConfig(env), variable);
    expect(err.text.es).toContain(variable);
    expect(err.text.en).toContain(variable);
  });

  it('verifies, in development mode, the tokens of an issuer served at IDENTITY_URL (JWKS over HTTP)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crm-auth-config-'));
    let url = '';
    const issuer = await DevIssuer.open({ dir, issuer: () => url });
    const server = createServer((req, res) => {
      res.statusCode = req.url === '/.well-known/jwks.json' ? 200 : 404;
      res.end(JSON.stringify(issuer.jwks()));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
      const { verifier } = await createAuthentication(loadAuthConfig({ IDENTITY_URL: url }));
      expect(verifier).toBeInstanceOf(JwtVerifier);
      await expect(verifier.verify(await issuer.mint('pa.alert_focal_point'))).resolves.toMatchObject({
        country: 'PA',
        roles: ['alert_focal_point'],
      });
      const elsewhere = await createAuthentication(loadAuthConfig({ IDENTITY_URL: 'http://127.0.0.1:9' }));
      await expect(
        elsewhere.verifier.verify(await issuer.mint('pa.alert_focal_point')),
      ).rejects.toMatchObject({ code: 'auth.identity_provider_unavailable' });
    } finally {
      await new Promise((r) => server.close(r));
      rmSync(dir, { recursive: true, force: true });
    }
  });

  describe('the development issuer settings (identity service, npm run token)', () => {
    it('defaults to <CRM_DATA_DIR>/dev-issuer, password demo, 8 hours, audience crm-platform, no fixed issuer', () => {
      expect(loadDevIssuerConfig({ CRM_DATA_DIR: '/var/crm' })).toEqual({
        dir: '/var/crm/dev-issuer',
        password: 'demo',
        tokenTtlSeconds: 28800,
        audience: 'crm-platform',
      });
      expect(
        loadDevIssuerConfig({
          DEV_ISSUER_DIR: '/keys',
          DEV_ISSUER_PASSWORD: 's3cret',
          AUTH_TOKEN_TTL_SECONDS: '600',
          OIDC_AUDIENCE: 'crm-test',
          IDENTITY_ISSUER_URL: 'https://login.example.org/',
        }),
      ).toEqual({
        dir: '/keys',
        password: 's3cret',
        tokenTtlSeconds: 600,
        audience: 'crm-test',
        issuer: 'https://login.example.org',
      });
    });

    it.each([
      [{ NODE_ENV: 'production' }, 'NODE_ENV', /producción/, /production/],
      [
        { AUTH_TOKEN_TTL_SECONDS: '5' },
        'AUTH_TOKEN_TTL_SECONDS',
        /entre 60 y 604800/,
        /between 60 and 604800/,
      ],
      [{ IDENTITY_ISSUER_URL: 'login.example.org' }, 'IDENTITY_ISSUER_URL', /URL http/, /http\(s\) URL/],
    ])('refuses %j naming %s in es/en', (env, variable, es, en) => {
      const err = refusal(() => loadDevIssuerConfig(env), variable);
      expect(err.text.es).toMatch(es);
      expect(err.text.en).toMatch(en);
    });
  });
});
