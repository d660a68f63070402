import { definePolicy, Role, type OperationOf } from '@crm/auth';
import { PII_POLICY } from '@crm/pii';

/** Officials who handle children's cases for their institution (a national system acts for its country). */
const CASE_HANDLERS = [Role.ProtectionCaseWorker, Role.NationalSystem] as const;
const COUNTRY_OFFICIALS = [
  Role.ReportingOfficer,
  Role.ConsularOfficer,
  Role.ProtectionCaseWorker,
  Role.ProtectionSupervisor,
  Role.AlertFocalPoint,
  Role.NationalSystem,
] as const;
const SECRETARIAT_STAFF = [Role.SecretariatCoordinator, Role.SecretariatAnalyst] as const;

/**
 * The referral service's authorisation rows (mechanism: @crm/auth's definePolicy; the personal-data rows of
 * @crm/pii are served too, for the erasure route). Which SIDE of a referral may take a transition is the
 * domain's rule (403 `referral.wrong_side`); these rows say which roles of which countries may try at all.
 * docs/referrals.md reproduces them; tests/auth-matrix checks them.
 */
export const REFERRALS_POLICY = definePolicy(
  {
    // institutions directory (plan IV.3): each country keeps its own entries, the Secretariat any
    'referrals.institution.read': [
      { roles: COUNTRY_OFFICIALS, scope: 'any' },
      { roles: SECRETARIAT_STAFF, scope: 'secretariat' },
    ],
    'referrals.institution.manage': [
      { roles: [Role.ProtectionSupervisor, Role.NationalSystem], scope: 'own-country' },
      { roles: [Role.SecretariatCoordinator], scope: 'secretariat' },
    ],
    // a child's case: registered and kept by the owning country; read per recipient by the countries it is referred to
    'referrals.case.register': [{ roles: CASE_HANDLERS, scope: 'own-country' }],
    'referrals.case.update': [{ roles: CASE_HANDLERS, scope: 'own-country' }],
    'referrals.case.consent': [{ roles: CASE_HANDLERS, scope: 'own-country' }],
    'referrals.case.assess': [{ roles: CASE_HANDLERS, scope: 'own-or-addressed' }],
    'referrals.case.interview': [{ roles: CASE_HANDLERS, scope: 'own-or-addressed' }],
    'referrals.case.read': [
      {
        roles: [...CASE_HANDLERS, Role.ProtectionSupervisor, Role.ConsularOfficer],
        scope: 'own-or-addressed',
      },
    ],
    'referrals.case.accessLog': [{ roles: [Role.ProtectionSupervisor], scope: 'own-or-addressed' }],
    // a referral: the domain decides the side (sender, receiver, transferee)
    'referrals.referral.act': [{ roles: CASE_HANDLERS, scope: 'own-or-addressed' }],
    /** Send without (enough) consent: recorded with its reason and shown to the recipient. */
    'referrals.referral.override': [{ roles: [Role.ProtectionSupervisor], scope: 'own-country' }],
    'referrals.referral.read': [
      {
        roles: [...CASE_HANDLERS, Role.ProtectionSupervisor, Role.ConsularOfficer],
        scope: 'own-or-addressed',
      },
    ],
    /** Statuses and deadlines without any of the child's data (the Secretariat's follow-up). */
    'referrals.referral.status': [{ roles: SECRETARIAT_STAFF, scope: 'secretariat' }],
    'referrals.deadlines.configure': [{ roles: [Role.SecretariatCoordinator], scope: 'secretariat' }],
    /**
     * The deadlines in force between two countries (no child data): whoever reads referrals of either country
     * of the pair (the rows of `referrals.referral.read`) and the Secretariat (those of `referrals.referral.status`).
     */
    'referrals.deadlines.read': [
      {
        roles: [...CASE_HANDLERS, Role.ProtectionSupervisor, Role.ConsularOfficer],
        scope: 'own-or-addressed',
      },
      { roles: SECRETARIAT_STAFF, scope: 'secretariat' },
    ],
    /** Aggregates with small-cell suppression (no child identifiable). */
    'referrals.aggregates.read': [
      { roles: COUNTRY_OFFICIALS, scope: 'any' },
      { roles: SECRETARIAT_STAFF, scope: 'secretariat' },
    ],
    'referrals.readModels.rebuild': [
      { roles: [Role.SecretariatCoordinator, Role.PlatformAdmin], scope: 'secretariat' },
    ],
  },
  PII_POLICY.rows,
);

export type ReferralsOperation = OperationOf<typeof REFERRALS_POLICY>;

/** The service's route decorator, command check and query scope, bound to its rows. */
export const { RequireOperation, enforce, enforceActor, scopeCountries } = REFERRALS_POLICY;
