import type { AuditSink, Principal } from '@crm/auth';
import { InvalidRequestError, isCountryCode, SECRETARIAT, type Clock, type CountryCode } from '@crm/kernel';
import { IDENTIFIER_PATTERN } from '../../referrals/domain/validation';
import { enforce, scopeCountries, type ReferralsOperation } from '../../referrals.policy';

/** What a dashboard query needs to authorise: the clock and where denials are recorded. */
export interface ScopeDeps {
  clock: Clock;
  audit?: AuditSink;
}

/** A denial is refused either way; without an audit sink (unit worlds) it is just not stored. */
const NO_AUDIT: AuditSink = { record: async () => undefined };

/** Authorises a query with the service's policy: allowed, or the denial recorded and 403 (ForbiddenError). */
export async function enforceQuery(
  deps: ScopeDeps,
  principal: Principal,
  operation: ReferralsOperation,
  resource: { country?: CountryCode },
  via: string,
): Promise<void> {
  await enforce({ audit: deps.audit ?? NO_AUDIT, clock: deps.clock, via }, principal, operation, resource);
}

/** `?country=`: absent or empty = no narrowing; otherwise a member country code (400 when it is not one). */
export function countryParam(value: unknown): CountryCode | undefined {
  if (value === undefined || value === '') return undefined;
  const upper = typeof value === 'string' ? value.toUpperCase() : value;
  if (isCountryCode(upper)) return upper;
  throw new InvalidRequestError(
    'referrals.dashboard.invalid_country',
    {
      es: `"country" debe ser el código de uno de los 11 países miembros (p. ej. HN); recibido: "${String(value)}".`,
      en: `"country" must be the code of one of the 11 member countries (e.g. HN); received: "${String(value)}".`,
    },
    { country: String(value) },
  );
}

/** `?institution=`: absent or empty = every institution; otherwise a directory id (400 when malformed). */
export function institutionParam(value: unknown): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value === 'string' && IDENTIFIER_PATTERN.test(value)) return value;
  throw new InvalidRequestError(
    'referrals.dashboard.invalid_institution',
    {
      es: `"institution" debe ser el identificador de una institución del directorio (letras, dígitos y _ . : -, p. ej. GT-PGN); recibido: "${String(value)}".`,
      en: `"institution" must be the id of a directory institution (letters, digits and _ . : -, e.g. GT-PGN); received: "${String(value)}".`,
    },
    { institution: String(value) },
  );
}

/**
 * The countries whose referrals an operational dashboard (pipeline, timings, overdue) shows to `principal`,
 * authorised with the service's policy (403 and an audit row otherwise):
 * - the Secretariat: `referrals.referral.status` (statuses and deadlines of every referral, no child data);
 *   every member country, or the one of `?country=`;
 * - a country official: `referrals.referral.read` for their own country (`?country=` may only name it);
 *   the referrals their country sent or that concern it (received, transferred, proposed).
 * Two operations, so the route is `@AuthenticatedOnly()` and this check is the query handler's.
 */
export async function dashboardScope(
  deps: ScopeDeps,
  principal: Principal,
  countryValue: unknown,
  via: string,
): Promise<CountryCode[]> {
  const narrowed = countryParam(countryValue);
  if (principal.country === SECRETARIAT) {
    await enforceQuery(deps, principal, 'referrals.referral.status', {}, via);
    const all = scopeCountries(principal, 'referrals.referral.status');
    return narrowed ? all.filter((c) => c === narrowed) : all;
  }
  const own = isCountryCode(principal.country) ? principal.country : undefined;
  const country = narrowed ?? own;
  await enforceQuery(deps, principal, 'referrals.referral.read', country ? { country } : {}, via);
  const scope = scopeCountries(principal, 'referrals.referral.read');
  return narrowed ? scope.filter((c) => c === narrowed) : scope;
}
