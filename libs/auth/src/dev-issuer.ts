import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  importJWK,
  SignJWT,
  type JWK,
  type KeyLike,
} from 'jose';
import { systemClock, type Clock } from '@crm/kernel';
import { claimsOf } from './claims';
import { demoAccounts, type DemoAccount } from './demo-accounts';
import { AuthenticationError } from './errors';
import { JwtVerifier } from './jwt';
import type { Principal } from './principal';

export const DEV_ISSUER_DEFAULTS = {
  issuer: 'urn:crm:dev-issuer',
  /** The platform's audience: what every service expects in `aud` by default (also with Keycloak). */
  audience: 'crm-platform',
  password: 'demo',
  tokenTtlSeconds: 8 * 60 * 60,
};

export interface DevIssuerOptions {
  /** Folder for the signing key (default `.data/dev-issuer`). Created on first start, reused afterwards. */
  dir?: string;
  /**
   * `iss` of its tokens: a string, or a function read at each signature (the identity service's URL, known only
   * once it listens).
   */
  issuer?: string | (() => string);
  audience?: string;
  /** Password of every demo account (development only). */
  password?: string;
  tokenTtlSeconds?: number;
  clock?: Clock;
}

export interface LoginResult {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  principal: Principal;
}

const KEY_FILE = 'es256-private.jwk.json';

/**
 * The built-in development OpenID-style issuer of the embedded default (NOT for production):
 * an ES256 key pair kept in a local folder, a JWKS for verifiers, and demo accounts sharing one password.
 */
export class DevIssuer {
  private readonly accounts = new Map<string, DemoAccount>();

  private constructor(
    private readonly privateKey: KeyLike,
    private readonly publicJwk: JWK,
    private readonly issuerOf: () => string,
    readonly audience: string,
    private readonly password: string,
    private readonly tokenTtlSeconds: number,
    private readonly clock: Clock,
  ) {
    for (const a of demoAccounts()) this.accounts.set(a.username, a);
  }

  static async open(options: DevIssuerOptions = {}): Promise<DevIssuer> {
    const dir = resolve(options.dir ?? join('.data', 'dev-issuer'));
    const privateJwk = await loadOrCreateKey(dir);
    const privateKey = (await importJWK(privateJwk, 'ES256')) as KeyLike;
    const { d: _d, ...publicJwk } = privateJwk;
    const issuer = options.issuer ?? DEV_ISSUER_DEFAULTS.issuer;
    return new DevIssuer(
      privateKey,
      { ...publicJwk, use: 'sig', alg: 'ES256' },
      typeof issuer === 'function' ? issuer : () => issuer,
      options.audience ?? DEV_ISSUER_DEFAULTS.audience,
      options.password ?? DEV_ISSUER_DEFAULTS.password,
      options.tokenTtlSeconds ?? DEV_ISSUER_DEFAULTS.tokenTtlSeconds,
      options.clock ?? systemClock,
    );
  }

  /** `iss` of its tokens. */
  get issuer(): string {
    return this.issuerOf();
  }

  /** The JWKS document (serve it at `/.well-known/jwks.json`). Public key only. */
  jwks(): { keys: JWK[] } {
    return { keys: [{ ...this.publicJwk }] };
  }

  /** The demo accounts (usernames and identities; never the password). */
  demoAccounts(): DemoAccount[] {
    return [...this.accounts.values()];
  }

  /** Checks the demo password and returns a signed access token. */
  async login(username: string, password: string): Promise<LoginResult> {
    const account = this.accounts.get(String(username ?? '').toLowerCase());
    const passwordOk = sameSecret(String(password ?? ''), this.password);
    if (!account || !passwordOk) throw new AuthenticationError('bad_credentials');
    return {
      accessToken: await this.sign(account.principal),
      tokenType: 'Bearer',
      expiresIn: this.tokenTtlSeconds,
      principal: account.principal,
    };
  }

  /** Mints a token for a demo account without a password (CLI and tests). */
  async mint(username: string, overrides: { ttlSeconds?: number } = {}): Promise<string> {
    const account = this.accounts.get(username.toLowerCase());
    if (!account) throw new AuthenticationError('bad_credentials', { username });
    return this.sign(account.principal, overrides.ttlSeconds);
  }

  /** Signs a token for any principal (tests). */
  async sign(principal: Principal, ttlSeconds = this.tokenTtlSeconds): Promise<string> {
    const now = Math.floor(this.clock().getTime() / 1000);
    const { sub, ...claims } = claimsOf(principal);
    return new SignJWT({ ...claims })
      .setProtectedHeader({ alg: 'ES256', kid: this.publicJwk.kid, typ: 'JWT' })
      .setIssuer(this.issuer)
      .setAudience(this.audience)
      .setSubject(sub)
      .setIssuedAt(now)
      .setExpirationTime(now + ttlSeconds)
      .setJti(randomBytes(12).toString('hex'))
      .sign(this.privateKey);
  }

  /** A verifier for this issuer's tokens (same code path as production, with the local JWKS). */
  verifier(options: { now?: () => Date } = {}): JwtVerifier {
    return new JwtVerifier({
      issuer: this.issuer,
      audience: this.audience,
      keys: createLocalJWKSet(this.jwks()),
      algorithms: ['ES256'],
      now: options.now ?? this.clock,
    });
  }
}

function sameSecret(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb);
}

/** Reads the key, or creates it atomically (two processes starting together end up with the same key). */
async function loadOrCreateKey(dir: string): Promise<JWK> {
  const file = join(dir, KEY_FILE);
  const existing = tryRead(file);
  if (existing) return existing;
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk = await exportJWK(privateKey);
  const thumb = createHash('sha256').update(`${jwk.crv}:${jwk.x}:${jwk.y}`).digest('base64url').slice(0, 16);
  const full: JWK = { ...jwk, kid: `dev-${thumb}`, alg: 'ES256' };
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(tmp, JSON.stringify(full), { mode: 0o600 });
  try {
    linkSync(tmp, file); // fails if another process won the race
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  } finally {
    rmSync(tmp, { force: true });
  }
  chmodSync(file, 0o600);
  const stored = tryRead(file);
  if (!stored) throw new Error(`development issuer key ${file} could not be read`);
  return stored;
}

function tryRead(file: string): JWK | undefined {
  try {
    const jwk = JSON.parse(readFileSync(file, 'utf8')) as JWK;
    if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || !jwk.d)
      throw new Error(`${file} is not an ES256 private JWK`);
    return jwk;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}
