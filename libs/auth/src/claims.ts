import type { JWTPayload } from 'jose';
import { AuthenticationError } from './errors';
import { isRole, principalProblems, type Principal } from './principal';

/**
 * Token claims of the platform (any OIDC provider can be configured to emit them):
 *   sub               subject (required)
 *   crm_country       'BZ' ... 'US' | 'ST' (Secretariat); absent or null for observers and civil society
 *   crm_institution   institution id, e.g. 'HN/MRE' (required)
 *   crm_organisation  observers / civil society only: 'UNICEF', 'IOM', 'UNHCR', 'ICRC', 'RROCM', ...
 *   crm_roles         array of role ids (a space-separated string is accepted too)
 *   name              display name (optional)
 */
export interface CrmClaims {
  sub: string;
  crm_country: string | null;
  crm_institution: string;
  crm_organisation?: string;
  crm_roles: string[];
  name?: string;
}

export function claimsOf(principal: Principal): CrmClaims {
  const claims: CrmClaims = {
    sub: principal.subject,
    crm_country: principal.country,
    crm_institution: principal.institution,
    crm_roles: [...principal.roles],
  };
  if (principal.organisation !== undefined) claims.crm_organisation = principal.organisation;
  if (principal.name !== undefined) claims.name = principal.name;
  return claims;
}

/** Maps verified claims to a Principal; inconsistent or malformed claims are a 401 `invalid_claims`. */
export function principalFromClaims(payload: JWTPayload): Principal {
  const problems: string[] = [];
  const rawRoles = payload.crm_roles;
  const roles = Array.isArray(rawRoles)
    ? rawRoles
    : typeof rawRoles === 'string'
      ? rawRoles.split(/\s+/).filter(Boolean)
      : [];
  if (!roles.every(isRole)) problems.push('crm_roles contains an unknown role');
  const country = payload.crm_country === undefined ? null : payload.crm_country;
  const principal: Principal = {
    subject: typeof payload.sub === 'string' ? payload.sub : '',
    country: country as Principal['country'],
    institution: typeof payload.crm_institution === 'string' ? payload.crm_institution : '',
    roles: roles.filter(isRole),
  };
  if (typeof payload.crm_organisation === 'string') principal.organisation = payload.crm_organisation;
  if (typeof payload.name === 'string') principal.name = payload.name;
  problems.push(...principalProblems(principal));
  if (problems.length > 0) throw new AuthenticationError('invalid_claims', { problems });
  return principal;
}
