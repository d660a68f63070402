import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { principalFromClaims } from './claims';
import { AuthenticationError, IdentityProviderUnavailableError } from './errors';
import type { Principal } from './principal';

/** Turns a bearer token into a Principal, or throws AuthenticationError (HTTP 401). */
export interface TokenVerifier {
  verify(token: string | undefined | null): Promise<Principal>;
}

export interface JwtVerifierOptions {
  /** Expected `iss`. */
  issuer: string;
  /** Expected `aud`. */
  audience: string;
  /**
   * The provider's JWKS URL (keys fetched by jose on the first token, cached, fetched again for an unknown `kid`;
   * when the provider cannot be reached the token is answered 503 and the next one fetches again).
   */
  jwksUrl?: string;
  /** Alternatively a key resolver (e.g. `createLocalJWKSet` for the development issuer and tests). */
  keys?: JWTVerifyGetKey;
  /** Accepted algorithms (default RS256 and ES256). */
  algorithms?: string[];
  /** Seconds of clock skew tolerated for exp/nbf (default 30). */
  clockToleranceSeconds?: number;
  /** For tests: the instant used to check exp/nbf. */
  now?: () => Date;
}

/** Verifies OIDC access tokens (JWS compact, RS256/ES256) against issuer, audience and JWKS. */
export class JwtVerifier implements TokenVerifier {
  private readonly keys: JWTVerifyGetKey;

  constructor(private readonly options: JwtVerifierOptions) {
    if (options.keys) this.keys = options.keys;
    else if (options.jwksUrl)
      this.keys = unavailableWhenUnreachable(createRemoteJWKSet(new URL(options.jwksUrl)));
    else throw new Error('JwtVerifier needs jwksUrl or keys');
  }

  async verify(token: string | undefined | null): Promise<Principal> {
    if (!token || token.trim() === '') throw new AuthenticationError('missing_token');
    let payload;
    try {
      ({ payload } = await jwtVerify(token, this.keys, {
        issuer: this.options.issuer,
        audience: this.options.audience,
        algorithms: this.options.algorithms ?? ['RS256', 'ES256'],
        clockTolerance: this.options.clockToleranceSeconds ?? 30,
        currentDate: this.options.now?.(),
        requiredClaims: ['sub', 'exp'],
      }));
    } catch (e) {
      throw mapJoseError(e);
    }
    return principalFromClaims(payload);
  }
}

/**
 * A remote key set whose fetch failures (refused connection, timeout, an answer that is not a JWKS) become a
 * 503 `IdentityProviderUnavailableError` instead of a 500. What the local lookup throws (no key with that
 * `kid`, an unusable key) stays as it is and maps to a 401.
 */
function unavailableWhenUnreachable(remote: JWTVerifyGetKey): JWTVerifyGetKey {
  return async (header, token) => {
    try {
      return await remote(header, token);
    } catch (e) {
      const lookup =
        e instanceof errors.JWKSNoMatchingKey ||
        e instanceof errors.JWKSMultipleMatchingKeys ||
        e instanceof errors.JOSENotSupported ||
        e instanceof errors.JWKInvalid;
      throw lookup ? e : new IdentityProviderUnavailableError();
    }
  };
}

/** jose errors → our 401 reasons. Unexpected errors (e.g. JWKS endpoint down) are rethrown unchanged. */
export function mapJoseError(e: unknown): Error {
  if (e instanceof AuthenticationError || e instanceof IdentityProviderUnavailableError) return e;
  if (e instanceof errors.JWTExpired) return new AuthenticationError('expired');
  if (e instanceof errors.JWTClaimValidationFailed) {
    if (e.claim === 'iss') return new AuthenticationError('wrong_issuer');
    if (e.claim === 'aud') return new AuthenticationError('wrong_audience');
    return new AuthenticationError('invalid_claims', { claim: e.claim, check: e.reason });
  }
  if (e instanceof errors.JWSSignatureVerificationFailed) return new AuthenticationError('bad_signature');
  if (e instanceof errors.JWKSNoMatchingKey) return new AuthenticationError('unknown_key');
  if (
    e instanceof errors.JOSEAlgNotAllowed ||
    e instanceof errors.JWSInvalid ||
    e instanceof errors.JWTInvalid ||
    e instanceof errors.JOSENotSupported
  ) {
    return new AuthenticationError('malformed_token');
  }
  return e instanceof Error ? e : new Error(String(e));
}

/** Extracts the token of an `Authorization: Bearer <token>` header (undefined when absent or another scheme). */
export function bearerToken(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return undefined;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(value);
  return m ? m[1] : undefined;
}
