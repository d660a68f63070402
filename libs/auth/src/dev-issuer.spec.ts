import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixedClock, MEMBER_COUNTRIES } from '@crm/kernel';
import { DevIssuer } from './dev-issuer';
import { AuthenticationError } from './errors';
import { isValidPrincipal } from './principal';

describe('development issuer', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'crm-dev-issuer-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates its ES256 key on first start and reuses it afterwards', async () => {
    const first = await DevIssuer.open({ dir });
    const keyFile = join(dir, 'es256-private.jwk.json');
    expect(statSync(keyFile).mode & 0o077).toBe(0);
    const second = await DevIssuer.open({ dir });
    expect(second.jwks()).toEqual(first.jwks());
    // a token minted before the "restart" verifies afterwards
    const token = await first.mint('hn.reporting_officer');
    await expect(second.verifier().verify(token)).resolves.toMatchObject({
      country: 'HN',
      roles: ['reporting_officer'],
    });
    expect(JSON.parse(readFileSync(keyFile, 'utf8')).d).toBeDefined();
  });

  it('two issuers starting together agree on one key', async () => {
    const [a, b] = await Promise.all([DevIssuer.open({ dir }), DevIssuer.open({ dir })]);
    expect(a.jwks()).toEqual(b.jwks());
  });

  it('publishes only the public key', async () => {
    const issuer = await DevIssuer.open({ dir });
    const { keys } = issuer.jwks();
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
    expect(keys[0].d).toBeUndefined();
  });

  it('has consistent demo accounts for every country, the Secretariat, observers, civil society and the admin', async () => {
    const issuer = await DevIssuer.open({ dir });
    const names = issuer.demoAccounts().map((a) => a.username);
    for (const cc of MEMBER_COUNTRIES) expect(names).toContain(`${cc.toLowerCase()}.reporting_officer`);
    expect(names).toEqual(
      expect.arrayContaining([
        'st.coordinator',
        'st.analyst',
        'unicef.observer',
        'iom.observer',
        'unhcr.observer',
        'icrc.observer',
        'rrocm.civil_society',
        'platform.admin',
      ]),
    );
    expect(new Set(names).size).toBe(names.length);
    for (const a of issuer.demoAccounts()) expect(isValidPrincipal(a.principal)).toBe(true);
  });

  it('logs in with the configured password and refuses a wrong one or an unknown user', async () => {
    const issuer = await DevIssuer.open({ dir, password: 's3cret' });
    const ok = await issuer.login('st.coordinator', 's3cret');
    expect(ok.tokenType).toBe('Bearer');
    await expect(issuer.verifier().verify(ok.accessToken)).resolves.toMatchObject({
      country: 'ST',
      roles: ['secretariat_coordinator'],
    });
    await expect(issuer.login('st.coordinator', 'demo')).rejects.toBeInstanceOf(AuthenticationError);
    await expect(issuer.login('nobody', 's3cret')).rejects.toMatchObject({ reason: 'bad_credentials' });
  });

  it('its tokens expire', async () => {
    const clock = fixedClock('2026-01-01T00:00:00Z');
    const issuer = await DevIssuer.open({ dir, clock, tokenTtlSeconds: 600 });
    const token = await issuer.mint('gt.protection_case_worker');
    clock.advance(601_000 + 30_000);
    await expect(issuer.verifier().verify(token)).rejects.toMatchObject({ reason: 'expired' });
  });

  it('reads a function issuer at each signature (the identity service knows its URL once it listens)', async () => {
    let url = 'http://127.0.0.1:1';
    const issuer = await DevIssuer.open({ dir, issuer: () => url });
    url = 'http://127.0.0.1:3000';
    expect(issuer.issuer).toBe('http://127.0.0.1:3000');
    const token = await issuer.mint('hn.reporting_officer');
    expect(JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()).iss).toBe(
      'http://127.0.0.1:3000',
    );
    await expect(issuer.verifier().verify(token)).resolves.toMatchObject({ country: 'HN' });
  });
});
