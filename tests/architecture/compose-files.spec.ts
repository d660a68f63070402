import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { isRole } from '@crm/auth';
import { isCountryCode } from '@crm/kernel';

/**
 * `docker-compose.yml` cannot be started on this project's machines (no Docker engine), and dclint checks
 * only its form. This test checks what dclint cannot: every file the compose file points at exists, and the
 * Keycloak realm it imports emits the claims, audience and issuer the plan service is configured to verify.
 */
const root = join(__dirname, '..', '..');
const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8')) as {
  services: Record<
    string,
    {
      volumes?: string[];
      build?: { context: string; dockerfile: string; args?: Record<string, string> };
      environment?: Record<string, string>;
    }
  >;
  secrets?: Record<string, { file?: string }>;
};

const bindMounts = Object.entries(compose.services).flatMap(([service, s]) =>
  (s.volumes ?? []).filter((v) => v.startsWith('./')).map((v) => ({ service, host: v.split(':')[0] })),
);

describe('docker-compose.yml points only at files that exist', () => {
  it('has bind mounts to check (the Keycloak realm import)', () => {
    expect(bindMounts.map((m) => m.service)).toContain('keycloak');
  });

  it.each(bindMounts.map((m) => [m.service, m.host]))('%s mounts %s, which exists', (_service, host) => {
    expect(existsSync(join(root, host))).toBe(true);
  });

  it.each(Object.entries(compose.secrets ?? {}).map(([name, s]) => [name, s.file ?? '']))(
    'secret %s reads %s, which exists',
    (_name, file) => {
      expect(file).not.toBe('');
      expect(existsSync(join(root, file))).toBe(true);
    },
  );

  it.each(
    Object.entries(compose.services)
      .filter(([, s]) => s.build)
      .map(([name, s]) => [name, join(s.build!.context, s.build!.dockerfile)]),
  )('%s is built from %s, which exists', (_name, dockerfile) => {
    expect(existsSync(join(root, dockerfile))).toBe(true);
  });
});

interface Realm {
  realm: string;
  clientScopes: {
    name: string;
    protocolMappers: { protocolMapper: string; config: Record<string, string> }[];
  }[];
  clients: { clientId: string; defaultClientScopes?: string[] }[];
  users: { username: string; attributes?: Record<string, string[]> }[];
}

describe('production verifies Keycloak tokens, never the development identity service', () => {
  const services = Object.entries(compose.services);

  it('builds no identity service (demo accounts are for development only)', () => {
    const built = services.filter(([, s]) => s.build).map(([, s]) => s.build!.args?.SERVICE);
    expect(built).toContain('plan');
    expect(built).not.toContain('identity');
    expect(Object.keys(compose.services)).not.toContain('identity');
  });

  it.each(services.filter(([, s]) => s.build).map(([name, s]) => [name, s.environment ?? {}] as const))(
    '%s runs with AUTH_MODE=oidc and points at no identity service',
    (_name, env) => {
      expect(env.AUTH_MODE).toBe('oidc');
      for (const v of ['IDENTITY_URL', 'IDENTITY_ISSUER_URL', 'DEV_ISSUER_DIR', 'DEV_ISSUER_PASSWORD'])
        expect(env[v]).toBeUndefined();
    },
  );
});

describe('the Keycloak realm matches what the plan service verifies', () => {
  const realmDir = join(root, 'infra', 'keycloak');
  const realm = JSON.parse(readFileSync(join(realmDir, 'crm-realm.json'), 'utf8')) as Realm;
  const env = compose.services.plan.environment ?? {};
  const crmScope = realm.clientScopes.find((s) => s.name === 'crm');

  it('is the realm of OIDC_ISSUER and OIDC_JWKS_URL', () => {
    expect(env.OIDC_ISSUER).toBe(`http://keycloak:8080/realms/${realm.realm}`);
    expect(env.OIDC_JWKS_URL).toBe(`${env.OIDC_ISSUER}/protocol/openid-connect/certs`);
  });

  it('maps every platform claim (libs/auth/src/claims.ts) from a user attribute of the same name', () => {
    const claims = (crmScope?.protocolMappers ?? [])
      .filter((m) => m.protocolMapper === 'oidc-usermodel-attribute-mapper')
      .map((m) => [m.config['claim.name'], m.config['user.attribute'], m.config['access.token.claim']]);
    expect(claims).toEqual(
      expect.arrayContaining(
        ['crm_country', 'crm_institution', 'crm_organisation', 'crm_roles'].map((c) => [c, c, 'true']),
      ),
    );
    const roles = crmScope?.protocolMappers.find((m) => m.config['claim.name'] === 'crm_roles');
    expect(roles?.config.multivalued).toBe('true');
  });

  it('puts OIDC_AUDIENCE into access tokens of every client that uses the crm scope', () => {
    const audience = crmScope?.protocolMappers.find((m) => m.protocolMapper === 'oidc-audience-mapper');
    expect(audience?.config['included.client.audience']).toBe(env.OIDC_AUDIENCE);
    expect(realm.clients.map((c) => c.clientId)).toContain(env.OIDC_AUDIENCE);
    for (const client of realm.clients) expect(client.defaultClientScopes).toContain('crm');
  });

  it('gives its example users valid countries and roles', () => {
    for (const user of realm.users) {
      const country = user.attributes?.crm_country?.[0];
      expect(country === 'ST' || isCountryCode(country)).toBe(true);
      expect((user.attributes?.crm_roles ?? []).length).toBeGreaterThan(0);
      for (const role of user.attributes?.crm_roles ?? []) expect(isRole(role)).toBe(true);
    }
  });
});
