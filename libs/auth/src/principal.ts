import { isCountryCode, SECRETARIAT, type Jurisdiction } from '@crm/kernel';

/** Roles of the platform. The string values are stable ids (they appear in tokens and audit records). */
export enum Role {
  ReportingOfficer = 'reporting_officer',
  ConsularOfficer = 'consular_officer',
  ProtectionCaseWorker = 'protection_case_worker',
  /** Supervises a protection institution's case workers: reads its cases' access logs. */
  ProtectionSupervisor = 'protection_supervisor',
  AlertFocalPoint = 'alert_focal_point',
  SecretariatCoordinator = 'secretariat_coordinator',
  SecretariatAnalyst = 'secretariat_analyst',
  Observer = 'observer',
  CivilSocietySubmitter = 'civil_society_submitter',
  PracticeReviewer = 'practice_reviewer',
  NationalSystem = 'national_system',
  PlatformAdmin = 'platform_admin',
}

export const ALL_ROLES: readonly Role[] = Object.values(Role);

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ALL_ROLES as readonly string[]).includes(value);
}

/**
 * Which kind of principal may hold a role:
 * - 'country': officials and national systems of one of the 11 member countries (country = that country)
 * - 'secretariat': the Technical Secretariat ST-CRM (country = 'ST')
 * - 'organisation': observers (UNICEF, IOM, UNHCR, ICRC) and civil society (e.g. RROCM): no country at all
 *   (country = null, organisation set). They never match any country scope.
 */
export type RoleHolder = 'country' | 'secretariat' | 'organisation';

export const ROLE_HOLDER: Record<Role, RoleHolder> = {
  [Role.ReportingOfficer]: 'country',
  [Role.ConsularOfficer]: 'country',
  [Role.ProtectionCaseWorker]: 'country',
  [Role.ProtectionSupervisor]: 'country',
  [Role.AlertFocalPoint]: 'country',
  [Role.NationalSystem]: 'country',
  [Role.SecretariatCoordinator]: 'secretariat',
  [Role.SecretariatAnalyst]: 'secretariat',
  [Role.PracticeReviewer]: 'secretariat',
  [Role.PlatformAdmin]: 'secretariat',
  [Role.Observer]: 'organisation',
  [Role.CivilSocietySubmitter]: 'organisation',
};

/** The authenticated caller. */
export interface Principal {
  /** Stable subject id (OIDC `sub`). */
  subject: string;
  /** A member country, 'ST' for the Secretariat, or null for observers and civil society. */
  country: Jurisdiction | null;
  /** Institution within the country or organisation, e.g. 'HN/MRE'. */
  institution: string;
  /** Observers and civil society: 'UNICEF' | 'IOM' | 'UNHCR' | 'ICRC' | 'RROCM' | ... Absent otherwise. */
  organisation?: string;
  roles: Role[];
  /** Display name. */
  name?: string;
}

/** Kind of principal implied by its country / organisation. */
export function holderOf(principal: Pick<Principal, 'country'>): RoleHolder | undefined {
  if (principal.country === SECRETARIAT) return 'secretariat';
  if (principal.country === null) return 'organisation';
  if (isCountryCode(principal.country)) return 'country';
  return undefined;
}

/**
 * Checks that a principal is internally consistent; returns the problems (empty when valid).
 * Rules: at least one known role; every role fits the holder (country roles need a member country,
 * Secretariat roles need 'ST', observer / civil society need country null and an organisation).
 */
export function principalProblems(p: Principal): string[] {
  const problems: string[] = [];
  if (typeof p.subject !== 'string' || p.subject.trim() === '') problems.push('subject is missing');
  if (typeof p.institution !== 'string' || p.institution.trim() === '')
    problems.push('institution is missing');
  const holder = holderOf(p);
  if (!holder) problems.push(`country ${String(p.country)} is not a member country, 'ST' or null`);
  if (!Array.isArray(p.roles) || p.roles.length === 0) problems.push('no roles');
  for (const role of p.roles ?? []) {
    if (!isRole(role)) problems.push(`unknown role ${String(role)}`);
    else if (holder && ROLE_HOLDER[role] !== holder) {
      problems.push(
        `role ${role} requires a ${ROLE_HOLDER[role]} principal, not ${holder} (${String(p.country)})`,
      );
    }
  }
  if (holder === 'organisation' && !p.organisation)
    problems.push('observers and civil society need an organisation');
  if (holder !== 'organisation' && p.organisation !== undefined)
    problems.push('only observers and civil society carry an organisation');
  return problems;
}

export function isValidPrincipal(p: Principal): boolean {
  return principalProblems(p).length === 0;
}
