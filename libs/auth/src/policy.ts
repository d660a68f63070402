import {
  isCountryCode,
  MEMBER_COUNTRIES,
  SECRETARIAT,
  type CountryCode,
  type LocalizedText,
} from '@crm/kernel';
import { isValidPrincipal, Role, type Principal } from './principal';

/**
 * Pure authorisation: which role may perform which operation on which resource. No I/O, no clock.
 * Default deny: an operation or a role not in the table is refused.
 */

/**
 * How the resource's country must relate to the principal:
 * - 'any': no country condition (public reads, also for observers and civil society)
 * - 'own-country': the resource's country is the principal's member country
 * - 'own-or-addressed': the resource's country is the principal's, or the resource is addressed to it
 * - 'secretariat': the principal is the Secretariat ('ST'); all countries
 */
export type Scope = 'any' | 'own-country' | 'own-or-addressed' | 'secretariat';

export interface Grant {
  roles: readonly Role[];
  scope: Scope;
  /** The request must state a non-blank purpose (personal-data access). */
  requiresPurpose?: boolean;
}

const COUNTRY_OFFICIALS = [
  Role.ReportingOfficer,
  Role.ConsularOfficer,
  Role.ProtectionCaseWorker,
  Role.AlertFocalPoint,
] as const;
const SECRETARIAT_STAFF = [Role.SecretariatCoordinator, Role.SecretariatAnalyst] as const;

/** The authorisation table. docs/security.md reproduces it; tests/auth-matrix checks it independently. */
export const POLICY = {
  'plan.catalogue.read': [{ roles: Object.values(Role), scope: 'any' }],
  'plan.catalogue.amend': [{ roles: [Role.SecretariatCoordinator], scope: 'secretariat' }],
  /** Truncate and replay the plan service's read models (an operation on the platform, no country content). */
  'plan.readModels.rebuild': [
    { roles: [Role.SecretariatCoordinator, Role.PlatformAdmin], scope: 'secretariat' },
  ],
  'plan.report.draft': [{ roles: [Role.ReportingOfficer, Role.NationalSystem], scope: 'own-country' }],
  'plan.report.submit': [{ roles: [Role.ReportingOfficer, Role.NationalSystem], scope: 'own-country' }],
  'plan.report.approve': [{ roles: [Role.SecretariatCoordinator], scope: 'secretariat' }],
  'plan.report.return': [{ roles: [Role.SecretariatCoordinator], scope: 'secretariat' }],
  'plan.report.reopen': [{ roles: [Role.SecretariatCoordinator], scope: 'secretariat' }],
  'plan.report.read': [
    { roles: [...COUNTRY_OFFICIALS, Role.NationalSystem], scope: 'own-country' },
    { roles: SECRETARIAT_STAFF, scope: 'secretariat' },
  ],
  'plan.review.asOf': [
    { roles: [...COUNTRY_OFFICIALS, Role.NationalSystem], scope: 'own-country' },
    { roles: SECRETARIAT_STAFF, scope: 'secretariat' },
  ],
  'plan.history.read': [
    { roles: [...COUNTRY_OFFICIALS, Role.NationalSystem], scope: 'own-country' },
    { roles: SECRETARIAT_STAFF, scope: 'secretariat' },
  ],
  'pii.read': [
    {
      roles: [Role.ProtectionCaseWorker, Role.ConsularOfficer],
      scope: 'own-or-addressed',
      requiresPurpose: true,
    },
  ],
  'pii.erase': [
    { roles: [Role.ProtectionCaseWorker], scope: 'own-country' },
    { roles: [Role.PlatformAdmin], scope: 'secretariat' },
  ],
  'audit.read': [{ roles: [Role.SecretariatCoordinator, Role.PlatformAdmin], scope: 'secretariat' }],
} as const satisfies Record<string, readonly Grant[]>;

export type Operation = keyof typeof POLICY;
export const OPERATIONS = Object.keys(POLICY) as Operation[];

export function isOperation(value: unknown): value is Operation {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(POLICY, value);
}

/** What the operation is about. */
export interface Resource {
  /** The country that owns the record (a report's country, the country that opened a case). */
  country?: CountryCode;
  /** Countries the record is addressed to (a referral's receiving country). */
  addressedTo?: CountryCode[];
  /** Why the caller needs it (mandatory for personal-data reads). */
  purpose?: string;
}

export type DenialReason =
  | 'unknown_operation'
  | 'invalid_principal'
  | 'role_not_permitted'
  | 'no_member_country'
  | 'missing_resource_country'
  | 'other_country'
  | 'not_secretariat'
  | 'purpose_required';

export type Decision =
  { allowed: true; grantedBy: Role } | { allowed: false; reason: DenialReason; message: LocalizedText };

const DENIAL_TEXT: Record<DenialReason, (op: string) => LocalizedText> = {
  unknown_operation: (op) => ({ es: `Operación desconocida: ${op}.`, en: `Unknown operation: ${op}.` }),
  invalid_principal: () => ({
    es: 'La identidad no es coherente (roles, país u organización) y no puede autorizarse.',
    en: 'The identity is inconsistent (roles, country or organisation) and cannot be authorised.',
  }),
  role_not_permitted: (op) => ({
    es: `Ninguno de sus roles permite la operación ${op}.`,
    en: `None of your roles permits the operation ${op}.`,
  }),
  no_member_country: (op) => ({
    es: `La operación ${op} está reservada a funcionarios de un país miembro.`,
    en: `The operation ${op} is reserved to officials of a member country.`,
  }),
  missing_resource_country: (op) => ({
    es: `La operación ${op} requiere indicar el país del registro.`,
    en: `The operation ${op} requires the country of the record.`,
  }),
  other_country: (op) => ({
    es: `Solo puede realizar ${op} sobre registros de su propio país o dirigidos a él.`,
    en: `You may perform ${op} only on records of your own country or addressed to it.`,
  }),
  not_secretariat: (op) => ({
    es: `La operación ${op} está reservada a la Secretaría Técnica.`,
    en: `The operation ${op} is reserved to the Technical Secretariat.`,
  }),
  purpose_required: (op) => ({
    es: `La operación ${op} exige indicar la finalidad del acceso.`,
    en: `The operation ${op} requires a stated purpose for the access.`,
  }),
};

function deny(reason: DenialReason, operation: string): Decision {
  return { allowed: false, reason, message: DENIAL_TEXT[reason](operation) };
}

/** The reason a single grant does not apply, or null when it allows. */
function checkScope(principal: Principal, grant: Grant, resource: Resource): DenialReason | null {
  switch (grant.scope) {
    case 'any':
      return null;
    case 'secretariat':
      return principal.country === SECRETARIAT ? null : 'not_secretariat';
    case 'own-country':
    case 'own-or-addressed': {
      if (!isCountryCode(principal.country)) return 'no_member_country';
      if (!resource.country) return 'missing_resource_country';
      if (resource.country === principal.country) return null;
      if (grant.scope === 'own-or-addressed' && (resource.addressedTo ?? []).includes(principal.country))
        return null;
      return 'other_country';
    }
  }
}

/**
 * Decides whether `principal` may perform `operation` on `resource`.
 * Allowed when some grant of the operation names one of the principal's roles and its scope (and purpose
 * requirement) is met. Otherwise the most specific reason of the grants that named a role is returned.
 */
export function authorize(principal: Principal, operation: string, resource: Resource = {}): Decision {
  if (!isOperation(operation)) return deny('unknown_operation', operation);
  if (!isValidPrincipal(principal)) return deny('invalid_principal', operation);
  let reason: DenialReason = 'role_not_permitted';
  for (const grant of POLICY[operation] as readonly Grant[]) {
    const role = grant.roles.find((r) => principal.roles.includes(r));
    if (!role) continue;
    const scopeProblem = checkScope(principal, grant, resource);
    if (scopeProblem) {
      reason = scopeProblem;
      continue;
    }
    if (
      grant.requiresPurpose &&
      !(typeof resource.purpose === 'string' && resource.purpose.trim().length > 0)
    ) {
      reason = 'purpose_required';
      continue;
    }
    return { allowed: true, grantedBy: role };
  }
  return deny(reason, operation);
}

/**
 * The countries whose records a query for `operation` may return to `principal` (for scoping reads):
 * all member countries for 'any' and Secretariat grants, the principal's own country for country grants
 * (records addressed to it are those whose `countries` list contains it), and [] when no grant applies.
 * Purpose requirements are checked per access by `authorize`, not here.
 */
export function scopeCountries(principal: Principal, operation: string): CountryCode[] {
  if (!isOperation(operation) || !isValidPrincipal(principal)) return [];
  const out = new Set<CountryCode>();
  for (const grant of POLICY[operation] as readonly Grant[]) {
    if (!grant.roles.some((r) => principal.roles.includes(r))) continue;
    if (grant.scope === 'any') return [...MEMBER_COUNTRIES];
    if (grant.scope === 'secretariat') {
      if (principal.country === SECRETARIAT) return [...MEMBER_COUNTRIES];
    } else if (isCountryCode(principal.country)) {
      out.add(principal.country);
    }
  }
  return [...out];
}
