import {
  isCountryCode,
  MEMBER_COUNTRIES,
  SECRETARIAT,
  type CountryCode,
  type LocalizedText,
} from '@crm/kernel';
import { SetMetadata } from '@nestjs/common';
import type { Actor } from '@crm/event-store';
import type { AuditSink } from './audit';
import { actorOf, enforceDecision, type EnforceDeps } from './enforce';
import { REQUIRED_OPERATION, type OperationOptions, type OperationRequirement } from './nest/decorators';
import { isRole, isValidPrincipal, type Principal, type Role } from './principal';

/**
 * The authorisation mechanism: which role may perform which operation on which resource. A service declares
 * its rows with `definePolicy` (the plan: services/plan/src/plan.policy.ts; personal data: libs/pii; the audit
 * log: AUDIT_POLICY here); this library keeps no service's rows. Decisions are pure (no I/O, no clock) and deny
 * by default: an operation or a role not in the rows is refused.
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

/** Operation ids: dotted lower-camel segments, the first naming the owner (`plan.report.submit`, `pii.read`). */
const OPERATION_ID = /^[a-z][a-zA-Z0-9]*(\.[a-z][a-zA-Z0-9]*)+$/;
/** No sink configured: the denial is refused (403) without being stored. */
const NO_AUDIT: AuditSink = { record: async () => undefined };
/** `path` of a command denial's audit row (method `COMMAND`) when the caller names none. */
const DEFAULT_VIA = 'CommandBus';
const SCOPES: readonly Scope[] = ['any', 'own-country', 'own-or-addressed', 'secretariat'];

/** A service's authorisation rows: operation → the grants that allow it. */
export type PolicyRows = Readonly<Record<string, readonly Grant[]>>;

type OperationsIn<S extends readonly PolicyRows[]> = S[number] extends infer R
  ? R extends PolicyRows
    ? Extract<keyof R, string>
    : never
  : never;

/** One service's authorisation table and the checks that use it. Every function is bound (destructure freely). */
export interface Policy<Op extends string = string> {
  readonly rows: Readonly<Record<Op, readonly Grant[]>>;
  readonly operations: readonly Op[];
  isOperation(value: unknown): value is Op;
  /**
   * Whether `principal` may perform `operation` on `resource`: allowed when some grant of the operation names
   * one of the principal's roles and its scope (and purpose requirement) is met; otherwise the most specific
   * reason of the grants that named a role. An operation outside the rows is `unknown_operation`.
   */
  authorize(principal: Principal, operation: string, resource?: Resource): Decision;
  /**
   * The countries whose records a query for `operation` may return to `principal`: all member countries for
   * 'any' and Secretariat grants, the principal's own country for country grants (records addressed to it are
   * those whose `countries` list contains it), [] when no grant applies. Purposes are checked by `authorize`.
   */
  scopeCountries(principal: Principal, operation: string): CountryCode[];
  /**
   * For command handlers, consumers and other non-HTTP callers: authorises, or records the denial in
   * `deps.audit` and throws ForbiddenError (403). A failing sink never turns a denial into an allow; its failure
   * is logged (`deps.log`, default the Nest logger, context `enforce`). Resolves with the granting role.
   */
  enforce(
    deps: EnforceDeps,
    principal: Principal,
    operation: Op,
    resource?: Resource,
  ): Promise<{ grantedBy: Role }>;
  /**
   * `enforce`, then the events' actor under the granting role (`actorOf`): what a command handler records as
   * who acted. Without `deps.audit` (unit tests without AuthModule) a denial is still a 403, just not stored.
   * `deps.via` names the caller in the denial's audit row (default `CommandBus`).
   */
  enforceActor(
    deps: Omit<EnforceDeps, 'audit'> & { audit?: AuditSink },
    principal: Principal,
    operation: Op,
    resource?: Resource,
  ): Promise<Actor>;
  /**
   * The route performs `operation`: the global OperationGuard (AuthModule) authorises it with THIS policy and
   * the resource found per `options` (`{ country: 'params.country' }`, ...). Type-checked against the rows.
   */
  RequireOperation(operation: Op, options?: OperationOptions): MethodDecorator & ClassDecorator;
}

export type OperationOf<P> = P extends Policy<infer Op> ? Op : never;

/**
 * Declares a service's authorisation rows (one or more sets, e.g. its own and a library's it serves routes
 * for; an operation in two sets is refused). Checked once, at declaration: operation ids, known roles and
 * scopes, at least one grant each.
 *
 *   export const PLAN_POLICY = definePolicy({
 *     'plan.report.submit': [{ roles: [Role.ReportingOfficer], scope: 'own-country' }],
 *   });
 *   export const { RequireOperation, enforce, scopeCountries } = PLAN_POLICY;
 */
export function definePolicy<const S extends readonly PolicyRows[]>(...sets: S): Policy<OperationsIn<S>> {
  type Op = OperationsIn<S>;
  const rows: Record<string, readonly Grant[]> = {};
  for (const set of sets) {
    for (const [operation, grants] of Object.entries(set)) {
      if (Object.prototype.hasOwnProperty.call(rows, operation))
        throw new Error(`policy: operation ${operation} is declared twice`);
      assertRow(operation, grants);
      rows[operation] = Object.freeze(
        grants.map((g) => Object.freeze({ ...g, roles: Object.freeze([...g.roles]) })),
      );
    }
  }
  Object.freeze(rows);
  const isOperation = (value: unknown): value is Op =>
    typeof value === 'string' && Object.prototype.hasOwnProperty.call(rows, value);
  const authorize = (principal: Principal, operation: string, resource: Resource = {}): Decision =>
    decide(isOperation(operation) ? rows[operation] : undefined, principal, operation, resource);
  const policy: Policy<Op> = {
    rows: rows as Record<Op, readonly Grant[]>,
    operations: Object.freeze(Object.keys(rows) as Op[]),
    isOperation,
    authorize,
    scopeCountries: (principal, operation) =>
      isOperation(operation) ? countriesFor(rows[operation], principal) : [],
    enforce: (deps, principal, operation, resource = {}) =>
      enforceDecision(authorize(principal, operation, resource), deps, principal, operation, resource),
    enforceActor: async (deps, principal, operation, resource = {}) => {
      const { grantedBy } = await enforceDecision(
        authorize(principal, operation, resource),
        { ...deps, audit: deps.audit ?? NO_AUDIT, via: deps.via ?? DEFAULT_VIA },
        principal,
        operation,
        resource,
      );
      return actorOf(principal, grantedBy);
    },
    RequireOperation: (operation, options = {}) =>
      SetMetadata(REQUIRED_OPERATION, { policy, operation, options } satisfies OperationRequirement),
  };
  return Object.freeze(policy);
}

function assertRow(operation: string, grants: readonly Grant[]): void {
  if (!OPERATION_ID.test(operation)) throw new Error(`policy: invalid operation id "${operation}"`);
  if (!Array.isArray(grants) || grants.length === 0) throw new Error(`policy: ${operation} has no grant`);
  for (const g of grants) {
    if (!SCOPES.includes(g.scope)) throw new Error(`policy: ${operation} has an unknown scope "${g.scope}"`);
    if (g.roles.length === 0) throw new Error(`policy: a grant of ${operation} names no role`);
    for (const r of g.roles)
      if (!isRole(r)) throw new Error(`policy: ${operation} names an unknown role "${r}"`);
  }
}

function decide(
  grants: readonly Grant[] | undefined,
  principal: Principal,
  operation: string,
  resource: Resource,
): Decision {
  if (!grants) return deny('unknown_operation', operation);
  if (!isValidPrincipal(principal)) return deny('invalid_principal', operation);
  let reason: DenialReason = 'role_not_permitted';
  for (const grant of grants) {
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

function countriesFor(grants: readonly Grant[], principal: Principal): CountryCode[] {
  if (!isValidPrincipal(principal)) return [];
  const out = new Set<CountryCode>();
  for (const grant of grants) {
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
