import { join } from 'node:path';
import { ConfigurationError } from '@crm/config';
import { DEV_ISSUER_DEFAULTS } from './dev-issuer';
import { JwtVerifier, type TokenVerifier } from './jwt';

/** Where the services find the development identity service when nothing else is configured. */
export const DEFAULT_IDENTITY_URL = 'http://127.0.0.1:3000';

/** The path of the JWKS on the identity service (and the development issuer's discovery document). */
export const JWKS_PATH = '/.well-known/jwks.json';

/**
 * How a service verifies tokens. Both modes are OIDC: `iss`, `aud` and the signature against a JWKS URL.
 * `dev` (default): the development identity service (`services/identity`) at `identityUrl`; `oidc`: any OIDC
 * provider (Keycloak in production).
 */
export type AuthConfig =
  | { mode: 'oidc'; issuer: string; audience: string; jwksUrl: string }
  | { mode: 'dev'; issuer: string; audience: string; jwksUrl: string; identityUrl: string };

/** The development issuer's own settings (the identity service and `npm run token`). */
export interface DevIssuerConfig {
  /** Folder of the ES256 signing key: DEV_ISSUER_DIR, default <CRM_DATA_DIR>/dev-issuer. */
  dir: string;
  /** Password of every demo account: DEV_ISSUER_PASSWORD, default `demo`. */
  password: string;
  /** Lifetime of its tokens: AUTH_TOKEN_TTL_SECONDS, default 28800. */
  tokenTtlSeconds: number;
  /** `aud` of its tokens: OIDC_AUDIENCE, default `crm-platform` (what the services expect). */
  audience: string;
  /** `iss` of its tokens: IDENTITY_ISSUER_URL; absent: the identity service's own URL. */
  issuer?: string;
}

function fail(variable: string, es: string, en: string): never {
  throw new ConfigurationError(
    'config.invalid',
    { es: `${variable}: ${es}`, en: `${variable}: ${en}` },
    { variable },
  );
}

/** The variable's value when it is an http(s) URL (`base`: without a trailing slash), undefined when unset. */
function httpUrl(env: NodeJS.ProcessEnv, variable: string, base = false): string | undefined {
  const raw = env[variable];
  if (raw === undefined || raw === '') return undefined;
  if (!/^https?:\/\/[^/?#\s]+/.test(raw) || !URL.canParse(raw))
    fail(
      variable,
      `debe ser una URL http(s), recibido "${raw}"`,
      `must be an http(s) URL, received "${raw}"`,
    );
  return base ? raw.replace(/\/+$/, '') : raw;
}

/**
 * Variables: AUTH_MODE (dev | oidc, default dev). With `oidc`, OIDC_ISSUER, OIDC_AUDIENCE and OIDC_JWKS_URL are
 * required. With `dev`, they default to the local identity service: IDENTITY_URL (default
 * http://127.0.0.1:3000), issuer IDENTITY_ISSUER_URL or IDENTITY_URL, audience `crm-platform`, JWKS
 * `<IDENTITY_URL>/.well-known/jwks.json`.
 */
export function loadAuthConfig(env: NodeJS.ProcessEnv = process.env): AuthConfig {
  const mode = env.AUTH_MODE || 'dev';
  if (mode !== 'dev' && mode !== 'oidc')
    fail(
      'AUTH_MODE',
      `valor "${mode}" no admitido; use dev | oidc`,
      `unsupported value "${mode}"; use dev | oidc`,
    );
  if (mode === 'oidc') {
    for (const v of ['OIDC_ISSUER', 'OIDC_AUDIENCE', 'OIDC_JWKS_URL']) {
      if (!env[v]) fail(v, 'es obligatorio cuando AUTH_MODE=oidc', 'is required when AUTH_MODE=oidc');
    }
    return {
      mode,
      issuer: env.OIDC_ISSUER as string,
      audience: env.OIDC_AUDIENCE as string,
      jwksUrl: httpUrl(env, 'OIDC_JWKS_URL') as string,
    };
  }
  const identityUrl = httpUrl(env, 'IDENTITY_URL', true) ?? DEFAULT_IDENTITY_URL;
  return {
    mode,
    issuer: env.OIDC_ISSUER || (httpUrl(env, 'IDENTITY_ISSUER_URL', true) ?? identityUrl),
    audience: env.OIDC_AUDIENCE || DEV_ISSUER_DEFAULTS.audience,
    jwksUrl: httpUrl(env, 'OIDC_JWKS_URL') ?? `${identityUrl}${JWKS_PATH}`,
    identityUrl,
  };
}

/**
 * The development issuer's settings. Refused with NODE_ENV=production: demo accounts sharing one password
 * and a key on local disk are for development only (production uses an OIDC provider, AUTH_MODE=oidc).
 */
export function loadDevIssuerConfig(env: NodeJS.ProcessEnv = process.env): DevIssuerConfig {
  if (env.NODE_ENV === 'production')
    fail(
      'NODE_ENV',
      'el emisor de desarrollo (cuentas de demostración) no se ejecuta en producción; use un proveedor OIDC (AUTH_MODE=oidc)',
      'the development issuer (demo accounts) does not run in production; use an OIDC provider (AUTH_MODE=oidc)',
    );
  const ttl = env.AUTH_TOKEN_TTL_SECONDS
    ? Number(env.AUTH_TOKEN_TTL_SECONDS)
    : DEV_ISSUER_DEFAULTS.tokenTtlSeconds;
  if (!Number.isInteger(ttl) || ttl < 60 || ttl > 7 * 24 * 3600) {
    fail(
      'AUTH_TOKEN_TTL_SECONDS',
      'debe ser un entero entre 60 y 604800',
      'must be an integer between 60 and 604800',
    );
  }
  const issuer = httpUrl(env, 'IDENTITY_ISSUER_URL', true);
  return {
    dir: env.DEV_ISSUER_DIR || join(env.CRM_DATA_DIR || '.data', 'dev-issuer'),
    password: env.DEV_ISSUER_PASSWORD || DEV_ISSUER_DEFAULTS.password,
    tokenTtlSeconds: ttl,
    audience: env.OIDC_AUDIENCE || DEV_ISSUER_DEFAULTS.audience,
    ...(issuer ? { issuer } : {}),
  };
}

/**
 * The token verifier of a service: the same `JwtVerifier` in both modes, against the configured issuer,
 * audience and JWKS URL. The JWKS is fetched on the first token, cached, and fetched again for an unknown
 * key id, so a service may start before the identity service (tokens meanwhile: 503, es/en).
 */
export async function createAuthentication(config: AuthConfig): Promise<{ verifier: TokenVerifier }> {
  return {
    verifier: new JwtVerifier({
      issuer: config.issuer,
      audience: config.audience,
      jwksUrl: config.jwksUrl,
    }),
  };
}
