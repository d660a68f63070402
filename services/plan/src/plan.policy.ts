import { definePolicy, Role, type OperationOf } from '@crm/auth';

const COUNTRY_OFFICIALS = [
  Role.ReportingOfficer,
  Role.ConsularOfficer,
  Role.ProtectionCaseWorker,
  Role.AlertFocalPoint,
] as const;
const SECRETARIAT_STAFF = [Role.SecretariatCoordinator, Role.SecretariatAnalyst] as const;
const COUNTRY_READERS = [
  { roles: [...COUNTRY_OFFICIALS, Role.NationalSystem], scope: 'own-country' },
  { roles: SECRETARIAT_STAFF, scope: 'secretariat' },
] as const;

/**
 * The plan service's authorisation rows (the mechanism is @crm/auth's definePolicy). docs/security.md
 * reproduces them; tests/auth-matrix checks them against a table of its own.
 */
export const PLAN_POLICY = definePolicy({
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
  'plan.report.read': COUNTRY_READERS,
  'plan.review.asOf': COUNTRY_READERS,
  'plan.history.read': COUNTRY_READERS,
});

export type PlanOperation = OperationOf<typeof PLAN_POLICY>;

/** The plan's route decorator, command check and query scope, bound to its rows. */
export const { RequireOperation, enforce, enforceActor, scopeCountries } = PLAN_POLICY;
