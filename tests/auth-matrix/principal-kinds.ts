/**
 * The principals and resources of the pure authorisation matrices (plan.matrix.spec.ts, referrals.matrix.spec.ts):
 * every principal kind (each member country × each country role, the four Secretariat roles, the four observers,
 * civil society), the resources each one is tried against (its own country's record, another country's, another
 * country's addressed to it; with and without a purpose) and the reading of a WHO_MAY table's entries. Nothing
 * here consults a policy: the expectations come from the test's own table.
 *
 *   everyone                  any authenticated principal, observers and civil society included
 *   any:<role>                that country role, records of every country
 *   st:<role>                 that Secretariat role, records of every country
 *   own:<role>                that country role, records of its own country only
 *   own+addressed:<role>      that country role, own country's records and records addressed to it
 *   ...+purpose               only with a stated purpose
 */
import { Role, type Principal, type Resource } from '@crm/auth';
import { MEMBER_COUNTRIES, type CountryCode } from '@crm/kernel';

export const COUNTRY_ROLES = [
  'reporting_officer',
  'consular_officer',
  'protection_case_worker',
  'protection_supervisor',
  'alert_focal_point',
  'national_system',
];
export const SECRETARIAT_ROLES = [
  'secretariat_coordinator',
  'secretariat_analyst',
  'practice_reviewer',
  'platform_admin',
];

export type Kind = 'country' | 'st' | 'org';
export interface Who {
  label: string;
  kind: Kind;
  role: string;
  principal: Principal;
}

/** Every principal kind: 11 countries × 6 country roles, 4 Secretariat roles, 4 observers, civil society. */
export const everybody: Who[] = [
  ...MEMBER_COUNTRIES.flatMap((cc) =>
    COUNTRY_ROLES.map((role) => ({
      label: `${cc} ${role}`,
      kind: 'country' as const,
      role,
      principal: { subject: `${cc}-${role}`, country: cc, institution: `${cc}/X`, roles: [role as Role] },
    })),
  ),
  ...SECRETARIAT_ROLES.map((role) => ({
    label: `ST ${role}`,
    kind: 'st' as const,
    role,
    principal: {
      subject: `st-${role}`,
      country: 'ST' as const,
      institution: 'ST-CRM',
      roles: [role as Role],
    },
  })),
  ...['UNICEF', 'IOM', 'UNHCR', 'ICRC'].map((org) => ({
    label: `${org} observer`,
    kind: 'org' as const,
    role: 'observer',
    principal: {
      subject: `${org}-obs`,
      country: null,
      organisation: org,
      institution: org,
      roles: [Role.Observer],
    },
  })),
  {
    label: 'RROCM civil society',
    kind: 'org' as const,
    role: 'civil_society_submitter',
    principal: {
      subject: 'rrocm',
      country: null,
      organisation: 'RROCM',
      institution: 'RROCM',
      roles: [Role.CivilSocietySubmitter],
    },
  },
];

export type Relation = 'own' | 'other' | 'addressed' | 'any-country';
export interface Attempt {
  relation: Relation;
  withPurpose: boolean;
  resource: Resource;
}

function otherThan(cc: CountryCode): CountryCode {
  return cc === 'MX' ? 'GT' : 'MX';
}

/** The resources `who` is tried against. */
export function attemptsFor(who: Who): Attempt[] {
  const purposes = [true, false];
  if (who.kind !== 'country') {
    return purposes.flatMap((p) =>
      (['HN', 'US'] as CountryCode[]).map((c) => ({
        relation: 'any-country' as const,
        withPurpose: p,
        resource: { country: c, ...(p ? { purpose: 'seguimiento del caso' } : {}) },
      })),
    );
  }
  const own = who.principal.country as CountryCode;
  const other = otherThan(own);
  return purposes.flatMap((p) => {
    const purpose = p ? { purpose: 'seguimiento del caso' } : {};
    return [
      { relation: 'own' as const, withPurpose: p, resource: { country: own, ...purpose } },
      { relation: 'other' as const, withPurpose: p, resource: { country: other, ...purpose } },
      {
        relation: 'addressed' as const,
        withPurpose: p,
        resource: { country: other, addressedTo: [own], ...purpose },
      },
    ];
  });
}

/** The expectation for `who` on `attempt`, read off a table's entries (see the notation above). */
export function expectedBy(entries: readonly string[], who: Who, attempt: Attempt): boolean {
  return entries.some((entry) => {
    if (entry === 'everyone') return true;
    const needsPurpose = entry.endsWith('+purpose');
    const [scope, role] = entry.replace('+purpose', '').split(':');
    if (role !== who.role) return false;
    if (needsPurpose && !attempt.withPurpose) return false;
    if (scope === 'st') return who.kind === 'st';
    if (who.kind !== 'country') return false;
    if (scope === 'any') return true;
    if (scope === 'own') return attempt.relation === 'own';
    if (scope === 'own+addressed') return attempt.relation === 'own' || attempt.relation === 'addressed';
    throw new Error(`unreadable entry ${entry}`);
  });
}
