import { JWKS_PATH } from '@crm/auth';

/** The login route: the discovery document's token endpoint. */
export const LOGIN_PATH = '/auth/login';
export const DISCOVERY_PATH = '/.well-known/openid-configuration';

/** The claims of the platform's tokens (libs/auth/src/claims.ts) and the registered ones the issuer sets. */
export const PLATFORM_CLAIMS = [
  'iss',
  'sub',
  'aud',
  'exp',
  'iat',
  'jti',
  'crm_country',
  'crm_institution',
  'crm_organisation',
  'crm_roles',
  'name',
] as const;

/**
 * The OpenID Provider metadata of the development issuer: what a verifier needs (issuer, JWKS, algorithm,
 * claims). The token endpoint is the demo login, a JSON body `{ username, password }` answered with
 * `{ accessToken, tokenType, expiresIn, principal }`, not the OAuth 2.0 form-encoded grant.
 */
export function discoveryDocument(issuer: string) {
  return {
    issuer,
    jwks_uri: `${issuer}${JWKS_PATH}`,
    token_endpoint: `${issuer}${LOGIN_PATH}`,
    token_endpoint_auth_methods_supported: ['none'],
    grant_types_supported: ['password'],
    response_types_supported: ['token'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['ES256'],
    token_endpoint_auth_signing_alg_values_supported: ['ES256'],
    claims_supported: [...PLATFORM_CLAIMS],
    service_documentation: `${issuer}/docs`,
  };
}
