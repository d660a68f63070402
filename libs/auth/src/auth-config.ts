import { join } from 'node:path';
import { ConfigurationError } from '@crm/config';
import { DEV_ISSUER_DEFAULTS, DevIssuer } from './dev-issuer';
import { JwtVerifier, type TokenVerifier } from './jwt';

/** Identity settings. `dev` (default): the built-in development issuer. `oidc`: any OIDC provider. */
export type AuthConfig =
  | { mode: 'oidc'; issuer: string; audience: string; jwksUrl: string }
  | {
      mode: 'dev';
      issuer: string;
      audience: string;
      devIssuerDir: string;
      devPassword: string;
      tokenTtlSeconds: number;
    };

function fail(variable: string, es: string, en: string): never {
  throw new ConfigurationError(
    'config.invalid',
    { es: `${variable}: ${es}`, en: `${variable}: ${en}` },
    { variable },
  );
}

/**
 * Variables: AUTH_MODE (dev | oidc, default dev), OIDC_ISSUER, OIDC_AUDIENCE, OIDC_JWKS_URL (required with oidc),
 * DEV_ISSUER_DIR (default <CRM_DATA_DIR>/dev-issuer), DEV_ISSUER_PASSWORD (default 'demo'),
 * AUTH_TOKEN_TTL_SECONDS (dev tokens, default 28800).
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
    if (!/^https?:\/\//.test(env.OIDC_JWKS_URL as string))
      fail('OIDC_JWKS_URL', 'debe ser una URL http(s)', 'must be an http(s) URL');
    return {
      mode,
      issuer: env.OIDC_ISSUER as string,
      audience: env.OIDC_AUDIENCE as string,
      jwksUrl: env.OIDC_JWKS_URL as string,
    };
  }
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
  return {
    mode,
    issuer: DEV_ISSUER_DEFAULTS.issuer,
    audience: DEV_ISSUER_DEFAULTS.audience,
    devIssuerDir: env.DEV_ISSUER_DIR || join(env.CRM_DATA_DIR || '.data', 'dev-issuer'),
    devPassword: env.DEV_ISSUER_PASSWORD || DEV_ISSUER_DEFAULTS.password,
    tokenTtlSeconds: ttl,
  };
}

/** The verifier for the configured mode (and, in dev mode, the issuer itself for the login endpoint and JWKS). */
export async function createAuthentication(
  config: AuthConfig,
): Promise<{ verifier: TokenVerifier; devIssuer?: DevIssuer }> {
  if (config.mode === 'oidc') {
    return {
      verifier: new JwtVerifier({
        issuer: config.issuer,
        audience: config.audience,
        jwksUrl: config.jwksUrl,
      }),
    };
  }
  const devIssuer = await DevIssuer.open({
    dir: config.devIssuerDir,
    issuer: config.issuer,
    audience: config.audience,
    password: config.devPassword,
    tokenTtlSeconds: config.tokenTtlSeconds,
  });
  return { verifier: devIssuer.verifier(), devIssuer };
}
