/**
 * Authorisation matrix of the referral service (issue 10, "must show": an official of a third country sees
 * nothing of a referral between two others; the Secretariat sees aggregates and statuses but no identifying
 * data). Every operation of REFERRALS_POLICY (its own rows and the personal-data rows of @crm/pii it serves) ×
 * every principal kind (11 countries × the 6 country roles, protection supervisors included; the 4 Secretariat
 * roles; 4 observers; civil society) × own / other / addressed records, with and without a purpose. The
 * expectations come from the readable table below (what docs/referrals.md "Authorisation" says), interpreted by
 * the simple rules of ./principal-kinds.ts; they are NOT computed with the policy under test.
 */
import { Role, type Principal } from '@crm/auth';
import { REFERRALS_POLICY } from '@crm/referrals';
import { attemptsFor, everybody, expectedBy } from './principal-kinds';

/** The country officials of a protection institution who handle, supervise or follow its cases. */
const CASE_READERS = [
  'own+addressed:protection_case_worker',
  'own+addressed:national_system',
  'own+addressed:protection_supervisor',
  'own+addressed:consular_officer',
];
const EVERY_COUNTRY_OFFICIAL = [
  'any:reporting_officer',
  'any:consular_officer',
  'any:protection_case_worker',
  'any:protection_supervisor',
  'any:alert_focal_point',
  'any:national_system',
];
const SECRETARIAT_READERS = ['st:secretariat_coordinator', 'st:secretariat_analyst'];

const WHO_MAY: Record<string, string[]> = {
  // the directory of protection institutions: the whole network reads it, each country keeps its own
  'referrals.institution.read': [...EVERY_COUNTRY_OFFICIAL, ...SECRETARIAT_READERS],
  'referrals.institution.manage': [
    'own:protection_supervisor',
    'own:national_system',
    'st:secretariat_coordinator',
  ],
  // a child's case: kept by the owning country; the countries it is referred to assess, interview and read it
  'referrals.case.register': ['own:protection_case_worker', 'own:national_system'],
  'referrals.case.update': ['own:protection_case_worker', 'own:national_system'],
  'referrals.case.consent': ['own:protection_case_worker', 'own:national_system'],
  'referrals.case.assess': ['own+addressed:protection_case_worker', 'own+addressed:national_system'],
  'referrals.case.interview': ['own+addressed:protection_case_worker', 'own+addressed:national_system'],
  'referrals.case.read': CASE_READERS,
  'referrals.case.accessLog': ['own+addressed:protection_supervisor'],
  // a referral: its sides act (the domain then says which side may take which step)
  'referrals.referral.act': ['own+addressed:protection_case_worker', 'own+addressed:national_system'],
  'referrals.referral.override': ['own:protection_supervisor'],
  'referrals.referral.read': CASE_READERS,
  // the Secretariat: statuses, deadlines, aggregates, operation; never a case
  'referrals.referral.status': SECRETARIAT_READERS,
  'referrals.deadlines.configure': ['st:secretariat_coordinator'],
  'referrals.deadlines.read': [...CASE_READERS, ...SECRETARIAT_READERS],
  'referrals.aggregates.read': [...EVERY_COUNTRY_OFFICIAL, ...SECRETARIAT_READERS],
  'referrals.readModels.rebuild': ['st:secretariat_coordinator', 'st:platform_admin'],
  // personal data (libs/pii's rows, served by the service's reveal, disclosed-view and erasure routes)
  'pii.read': [
    'own+addressed:protection_case_worker+purpose',
    'own+addressed:consular_officer+purpose',
    'own+addressed:national_system+purpose',
  ],
  'pii.erase': ['own:protection_case_worker', 'st:platform_admin'],
};

/** The operations that show something of a child's case or of a referral (not statuses, not aggregates). */
const CASE_CONTENT = [
  'referrals.case.assess',
  'referrals.case.interview',
  'referrals.case.read',
  'referrals.case.accessLog',
  'referrals.referral.act',
  'referrals.referral.read',
  'pii.read',
];

const rows = Object.keys(WHO_MAY).flatMap((operation) =>
  everybody.map((who) => [operation, who.label, who] as const),
);

describe('authorisation matrix of the referral service (REFERRALS_POLICY, personal data)', () => {
  it('covers every principal kind and every operation', () => {
    expect(everybody).toHaveLength(11 * 6 + 4 + 5);
    expect(everybody.filter((w) => w.role === 'protection_supervisor')).toHaveLength(11);
    expect(rows).toHaveLength(Object.keys(WHO_MAY).length * everybody.length);
    expect(Object.keys(WHO_MAY)).toHaveLength(19);
  });

  it.each(rows)('%s by %s', (operation, _label, who) => {
    const outcomes = attemptsFor(who).map((a) => {
      const decision = REFERRALS_POLICY.authorize(who.principal, operation, a.resource);
      if (!decision.allowed) {
        expect(decision.message.es).toBeTruthy();
        expect(decision.message.en).toBeTruthy();
      }
      return { relation: a.relation, withPurpose: a.withPurpose, allowed: decision.allowed };
    });
    const wanted = attemptsFor(who).map((a) => ({
      relation: a.relation,
      withPurpose: a.withPurpose,
      allowed: expectedBy(WHO_MAY[operation], who, a),
    }));
    expect(outcomes).toEqual(wanted);
  });

  it('its table names exactly the operations of REFERRALS_POLICY (an operation left out of WHO_MAY fails here)', () => {
    expect(Object.keys(WHO_MAY).sort()).toEqual([...REFERRALS_POLICY.operations].sort());
  });

  it('a third country is refused every operation on what shows a referral or a case between two others', () => {
    const guatemala = everybody.filter((w) => w.principal.country === 'GT');
    const betweenOthers = { country: 'MX' as const, addressedTo: ['HN' as const], purpose: 'seguimiento' };
    for (const operation of CASE_CONTENT)
      for (const who of guatemala)
        expect([
          operation,
          who.role,
          REFERRALS_POLICY.authorize(who.principal, operation, betweenOthers).allowed,
        ]).toEqual([operation, who.role, false]);
  });

  it('the Secretariat, observers and civil society are refused every operation that shows a case or identifying data', () => {
    const outsiders = everybody.filter((w) => w.kind !== 'country');
    for (const operation of CASE_CONTENT)
      for (const who of outsiders)
        expect([
          operation,
          who.label,
          REFERRALS_POLICY.authorize(who.principal, operation, { country: 'MX', purpose: 'seguimiento' })
            .allowed,
        ]).toEqual([operation, who.label, false]);
  });

  it('denies unknown operations to everyone, the Secretariat included (default deny)', () => {
    for (const who of everybody)
      expect(
        REFERRALS_POLICY.authorize(who.principal, 'referrals.case.delete', { country: 'MX' }).allowed,
      ).toBe(false);
  });

  it('denies a country-scoped operation when the resource does not say its country', () => {
    const mx = everybody.find((w) => w.label === 'MX protection_case_worker')!;
    expect(REFERRALS_POLICY.authorize(mx.principal, 'referrals.referral.act', {})).toMatchObject({
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
    expect(REFERRALS_POLICY.authorize(forged, 'referrals.referral.status', { country: 'HN' })).toMatchObject({
      allowed: false,
      reason: 'invalid_principal',
    });
  });
});
