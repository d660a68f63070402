/**
 * Cross-service authorisation matrix (principals, resources and the table's notation: ./principal-kinds.ts). Expectations come from the readable table below (what the
 * network agreed), interpreted here by simple rules; they are NOT computed with the policy under test.
 * Grows with every service: add its operations to WHO_MAY and its policy to POLICIES (a test fails while
 * the table and the owner's rows differ). Each operation is decided by the policy of its owner (its first
 * segment): the plan's rows (services/plan/src/plan.policy.ts), personal data (libs/pii), the audit log (libs/auth).
 */
import { AUDIT_POLICY, Role, type Policy, type Principal, type Resource } from '@crm/auth';
import { PII_POLICY } from '@crm/pii';
import { PLAN_POLICY } from '@crm/plan';
import { attemptsFor, everybody, expectedBy, type Attempt, type Who } from './principal-kinds';

const POLICIES: Record<string, Policy> = { plan: PLAN_POLICY, pii: PII_POLICY, audit: AUDIT_POLICY };
const ownerOf = (operation: string) => operation.split('.')[0];
const authorize = (principal: Principal, operation: string, resource: Resource) =>
  (POLICIES[ownerOf(operation)] ?? PLAN_POLICY).authorize(principal, operation, resource);

/**
 *   everyone                  any authenticated principal, observers and civil society included
 *   st:<role>                 that Secretariat role, records of every country
 *   own:<role>                that country role, records of its own country only
 *   own+addressed:<role>      that country role, own country's records and records addressed to it
 *   ...+purpose               only with a stated purpose
 */
const WHO_MAY: Record<string, string[]> = {
  'plan.catalogue.read': ['everyone'],
  'plan.catalogue.amend': ['st:secretariat_coordinator'],
  'plan.readModels.rebuild': ['st:secretariat_coordinator', 'st:platform_admin'],
  'plan.report.draft': ['own:reporting_officer', 'own:national_system'],
  'plan.report.submit': ['own:reporting_officer', 'own:national_system'],
  'plan.report.approve': ['st:secretariat_coordinator'],
  'plan.report.return': ['st:secretariat_coordinator'],
  'plan.report.reopen': ['st:secretariat_coordinator'],
  'plan.report.read': [
    'own:reporting_officer',
    'own:consular_officer',
    'own:protection_case_worker',
    'own:alert_focal_point',
    'own:national_system',
    'st:secretariat_coordinator',
    'st:secretariat_analyst',
  ],
  'plan.review.asOf': [
    'own:reporting_officer',
    'own:consular_officer',
    'own:protection_case_worker',
    'own:alert_focal_point',
    'own:national_system',
    'st:secretariat_coordinator',
    'st:secretariat_analyst',
  ],
  'plan.history.read': [
    'own:reporting_officer',
    'own:consular_officer',
    'own:protection_case_worker',
    'own:alert_focal_point',
    'own:national_system',
    'st:secretariat_coordinator',
    'st:secretariat_analyst',
  ],
  'pii.read': [
    'own+addressed:protection_case_worker+purpose',
    'own+addressed:consular_officer+purpose',
    'own+addressed:national_system+purpose',
  ],
  'pii.erase': ['own:protection_case_worker', 'st:platform_admin'],
  'audit.read': ['st:secretariat_coordinator', 'st:platform_admin'],
};

/** The expectation, read off WHO_MAY. */
function expected(operation: string, who: Who, attempt: Attempt): boolean {
  return expectedBy(WHO_MAY[operation], who, attempt);
}

const rows = Object.keys(WHO_MAY).flatMap((operation) =>
  everybody.map((who) => [operation, who.label, who] as const),
);

describe('authorisation matrix (plan, personal data, audit)', () => {
  it('covers every principal kind and every operation', () => {
    expect(everybody).toHaveLength(11 * 6 + 4 + 5);
    expect(rows).toHaveLength(Object.keys(WHO_MAY).length * everybody.length);
  });

  it.each(rows)('%s by %s', (operation, _label, who) => {
    const outcomes = attemptsFor(who).map((a) => {
      const decision = authorize(who.principal, operation, a.resource);
      if (!decision.allowed) {
        expect(decision.message.es).toBeTruthy();
        expect(decision.message.en).toBeTruthy();
      }
      return { relation: a.relation, withPurpose: a.withPurpose, allowed: decision.allowed };
    });
    const wanted = attemptsFor(who).map((a) => ({
      relation: a.relation,
      withPurpose: a.withPurpose,
      allowed: expected(operation, who, a),
    }));
    expect(outcomes).toEqual(wanted);
  });

  it.each(Object.entries(POLICIES))(
    'its table names exactly the operations of the %s rows (an operation left out of WHO_MAY fails here)',
    (owner, policy) => {
      const table = Object.keys(WHO_MAY).filter((operation) => ownerOf(operation) === owner);
      expect(table.sort()).toEqual([...policy.operations].sort());
    },
  );

  it('every operation of its table belongs to one of the policies it checks', () => {
    expect(Object.keys(WHO_MAY).filter((operation) => !POLICIES[ownerOf(operation)])).toEqual([]);
  });

  it('denies unknown operations to everyone, the Secretariat included (default deny)', () => {
    for (const who of everybody)
      expect(PLAN_POLICY.authorize(who.principal, 'plan.report.delete', { country: 'HN' }).allowed).toBe(
        false,
      );
  });

  it('denies a country-scoped operation when the resource does not say its country', () => {
    const hn = everybody.find((w) => w.label === 'HN reporting_officer')!;
    expect(PLAN_POLICY.authorize(hn.principal, 'plan.report.submit', {})).toMatchObject({
      allowed: false,
      reason: 'missing_resource_country',
    });
  });

  it('denies principals whose roles do not fit their country (a forged Secretariat role)', () => {
    const forged: Principal = {
      subject: 'x',
      country: 'HN',
      institution: 'HN/X',
      roles: [Role.SecretariatCoordinator],
    };
    expect(PLAN_POLICY.authorize(forged, 'plan.report.approve', { country: 'HN' })).toMatchObject({
      allowed: false,
      reason: 'invalid_principal',
    });
  });
});
