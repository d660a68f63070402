import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigurationError } from '@crm/config';
import { createAuthentication, loadAuthConfig, loadDevIssuerConfig } from './auth-config';
import { JwtVerifier } from './jwt';

describe('auth configuration', () => {
  it('defaults to the development issuer under CRM_DATA_DIR', () => {
    expect(loadAuthConfig({ CRM_DATA_DIR: '/var/crm' })).toEqual({
      mode: 'dev',
      issuer: 'urn:crm:dev-issuer',
      audience: 'crm-platform',
      devIssuerDir: '/var/crm/dev-issuer',
      devPassword: 'demo',
      tokenTtlSeconds: 28800,
    });
  });

  it('reads the OIDC settings', () => {
    const c = loadAuthConfig({
      AUTH_MODE: 'oidc',
      OIDC_ISSUER: 'https://idp/realms/crm',
      OIDC_AUDIENCE: 'crm',
      OIDC_JWKS_URL: 'https://idp/realms/crm/certs',
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
    [{ AUTH_TOKEN_TTL_SECONDS: '5' }, 'AUTH_TOKEN_TTL_SECONDS'],
  ])('refuses %j naming %s in es/en', (env, variable) => {
    let err: unknown;
    try {
      loadAuthConfig(env);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigurationError);
    expect((err as ConfigurationError).details.variable).toBe(variable);
    expect((err as ConfigurationError).text.en).toContain(variable);
  });

  it('creates a dev issuer whose tokens its verifier accepts, or a JWKS verifier in oidc mode', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crm-auth-config-'));
    try {
      const dev = await createAuthentication(loadAuthConfig({ DEV_ISSUER_DIR: dir }));
      const token = await dev.devIssuer!.mint('pa.alert_focal_point');
      await expect(dev.verifier.verify(token)).resolves.toMatchObject({
        country: 'PA',
        roles: ['alert_focal_point'],
      });
      const oidc = await createAuthentication({
        mode: 'oidc',
        issuer: 'i',
        audience: 'a',
        jwksUrl: 'http://127.0.0.1:1/jwks',
      });
      expect(oidc.verifier).toBeInstanceOf(JwtVerifier);
      expect(oidc.devIssuer).toBeUndefined();
    } finally {
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
      let err: unknown;
      try {
        loadDevIssuerConfig(env);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(ConfigurationError);
      expect((err as ConfigurationError).details.variable).toBe(variable);
      expect((err as ConfigurationError).text.es).toMatch(es);
      expect((err as ConfigurationError).text.en).toMatch(en);
    });
  });
});
