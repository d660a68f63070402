import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, type JWK, type KeyLike } from 'jose';
import { AuthenticationError, IdentityProviderUnavailableError } from './errors';
import { JwtVerifier, bearerToken } from './jwt';
import { Role } from './principal';

const ISSUER = 'https://idp.example.org/realms/crm';
const AUDIENCE = 'crm-platform';
const NOW = new Date('2026-03-01T12:00:00Z');
const nowSec = Math.floor(NOW.getTime() / 1000);

interface Keys {
  privateKey: KeyLike;
  jwk: JWK;
}

async function keys(alg: 'RS256' | 'ES256', kid: string): Promise<Keys> {
  const { privateKey, publicKey } = await generateKeyPair(alg);
  return { privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg } };
}

const claims = {
  crm_country: 'HN',
  crm_institution: 'HN/MRE',
  crm_roles: [Role.ReportingOfficer],
  name: 'Oficial HN',
};

function token(
  k: Keys,
  alg: string,
  overrides: { iss?: string; aud?: string; exp?: number; payload?: Record<string, unknown> } = {},
) {
  return new SignJWT({ ...claims, ...(overrides.payload ?? {}) })
    .setProtectedHeader({ alg, kid: k.jwk.kid })
    .setIssuer(overrides.iss ?? ISSUER)
    .setAudience(overrides.aud ?? AUDIENCE)
    .setSubject('user-123')
    .setIssuedAt(nowSec - 60)
    .setExpirationTime(overrides.exp ?? nowSec + 600)
    .sign(k.privateKey);
}

async function failure(p: Promise<unknown>): Promise<AuthenticationError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(AuthenticationError);
    return e as AuthenticationError;
  }
  throw new Error('expected an AuthenticationError');
}

describe('JwtVerifier (OIDC tokens, JWKS)', () => {
  let es: Keys;
  let rs: Keys;
  let stranger: Keys;
  let verifier: JwtVerifier;

  beforeAll(async () => {
    es = await keys('ES256', 'es-1');
    rs = await keys('RS256', 'rs-1');
    stranger = await keys('ES256', 'es-1'); // same kid, different key: a forged signature
    verifier = new JwtVerifier({
      issuer: ISSUER,
      audience: AUDIENCE,
      keys: createLocalJWKSet({ keys: [es.jwk, rs.jwk] }),
      now: () => NOW,
    });
  });

  it.each([
    ['ES256', () => es],
    ['RS256', () => rs],
  ])('accepts a valid %s token and maps the claims to a Principal', async (alg, k) => {
    const principal = await verifier.verify(await token(k(), alg));
    expect(principal).toEqual({
      subject: 'user-123',
      country: 'HN',
      institution: 'HN/MRE',
      roles: ['reporting_officer'],
      name: 'Oficial HN',
    });
  });

  it('accepts observers without a country (crm_organisation)', async () => {
    const t = await token(es, 'ES256', {
      payload: {
        crm_country: null,
        crm_organisation: 'UNICEF',
        crm_institution: 'UNICEF',
        crm_roles: 'observer',
      },
    });
    const p = await verifier.verify(t);
    expect(p.country).toBeNull();
    expect(p.organisation).toBe('UNICEF');
    expect(p.roles).toEqual(['observer']);
  });

  const cases: Array<[string, () => Promise<string | undefined>, string]> = [
    ['missing', async () => undefined, 'missing_token'],
    ['garbage', async () => 'not-a-jwt', 'malformed_token'],
    ['expired', async () => token(es, 'ES256', { exp: nowSec - 3600 }), 'expired'],
    ['signed by another key', async () => token(stranger, 'ES256'), 'bad_signature'],
    ['wrong issuer', async () => token(es, 'ES256', { iss: 'https://evil.example.org' }), 'wrong_issuer'],
    ['wrong audience', async () => token(es, 'ES256', { aud: 'another-app' }), 'wrong_audience'],
    ['unknown role', async () => token(es, 'ES256', { payload: { crm_roles: ['god'] } }), 'invalid_claims'],
    [
      'Secretariat role for a country',
      async () => token(es, 'ES256', { payload: { crm_roles: ['secretariat_coordinator'] } }),
      'invalid_claims',
    ],
    ['unknown country', async () => token(es, 'ES256', { payload: { crm_country: 'AR' } }), 'invalid_claims'],
    [
      'observer claiming a country',
      async () => token(es, 'ES256', { payload: { crm_roles: ['observer'], crm_organisation: 'IOM' } }),
      'invalid_claims',
    ],
  ];

  it.each(cases)(
    'rejects a %s token with a 401 AuthenticationError in Spanish and English',
    async (_name, make, reason) => {
      const e = await failure(verifier.verify(await make()));
      expect(e.reason).toBe(reason);
      expect(e.code).toBe(`auth.${reason}`);
      expect(e.kind).toBe('unauthenticated');
      expect(e.text.es.length).toBeGreaterThan(10);
      expect(e.text.en.length).toBeGreaterThan(10);
      expect(e.text.es).not.toEqual(e.text.en);
    },
  );

  it('rejects an unsigned (alg none) token', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url');
    const body = Buffer.from(
      JSON.stringify({ ...claims, sub: 'x', iss: ISSUER, aud: AUDIENCE, exp: nowSec + 60 }),
    ).toString('base64url');
    const e = await failure(verifier.verify(`${header}.${body}.`));
    expect(e.reason).toBe('malformed_token');
  });

  it('reads only Bearer authorization headers', () => {
    expect(bearerToken('Bearer abc.def.ghi')).toBe('abc.def.ghi');
    expect(bearerToken('bearer abc')).toBe('abc');
    expect(bearerToken('Basic dXNlcg==')).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
  });
});

describe('JwtVerifier with a remote JWKS URL (the production path)', () => {
  it('fetches the provider keys over HTTP and verifies tokens', async () => {
    const { createServer } = await import('node:http');
    const k = await keys('RS256', 'remote-1');
    let fetched = 0;
    const server = createServer((req, res) => {
      fetched++;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: req.url === '/jwks' ? [k.jwk] : [] }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const port = (server.address() as { port: number }).port;
      const verifier = new JwtVerifier({
        issuer: ISSUER,
        audience: AUDIENCE,
        jwksUrl: `http://127.0.0.1:${port}/jwks`,
        now: () => NOW,
      });
      await expect(verifier.verify(await token(k, 'RS256'))).resolves.toMatchObject({
        subject: 'user-123',
        country: 'HN',
      });
      expect(fetched).toBe(1);
      const other = await keys('RS256', 'unknown-kid');
      await expect(verifier.verify(await token(other, 'RS256'))).rejects.toMatchObject({
        reason: 'unknown_key',
      });
    } finally {
      await new Promise((r) => server.close(r));
    }
  });

  it('answers 503 es/en while the provider is unreachable or answers no JWKS, and fetches again afterwards', async () => {
    const { createServer } = await import('node:http');
    const k = await keys('ES256', 'late-1');
    let broken = true;
    const server = createServer((_req, res) => {
      if (broken) {
        res.statusCode = 502;
        res.end('bad gateway');
        return;
      }
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [k.jwk] }));
    });
    // a port where nothing listens yet: the verifier exists before the provider (a service started first)
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    await new Promise((r) => server.close(r));
    const verifier = new JwtVerifier({
      issuer: ISSUER,
      audience: AUDIENCE,
      jwksUrl: `http://127.0.0.1:${port}/jwks`,
      now: () => NOW,
    });
    const t = await token(k, 'ES256');
    const refused = await verifier.verify(t).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(IdentityProviderUnavailableError);
    expect(refused).toMatchObject({ code: 'auth.identity_provider_unavailable', kind: 'unavailable' });
    expect((refused as IdentityProviderUnavailableError).text.es).toMatch(/proveedor de identidad/);
    expect((refused as IdentityProviderUnavailableError).text.en).toMatch(/identity provider/);
    expect(JSON.stringify(refused)).not.toContain(t);
    await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
    try {
      await expect(verifier.verify(t)).rejects.toBeInstanceOf(IdentityProviderUnavailableError); // 502, not a JWKS
      broken = false;
      await expect(verifier.verify(t)).resolves.toMatchObject({ subject: 'user-123' });
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
