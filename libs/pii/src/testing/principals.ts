import type { Principal } from '@crm/auth';
import type { PersonalDataAccessContext } from '../access-log';

/** Principals and an access context for the library's own tests. */
export const HN_CASE_WORKER: Principal = {
  subject: 'dev|hn.protection_case_worker',
  country: 'HN',
  institution: 'HN/DINAF',
  roles: ['protection_case_worker'],
} as Principal;
export const MX_CONSUL: Principal = {
  subject: 'dev|mx.consular_officer',
  country: 'MX',
  institution: 'MX/SRE',
  roles: ['consular_officer'],
} as Principal;
export const GT_CASE_WORKER: Principal = {
  subject: 'dev|gt.protection_case_worker',
  country: 'GT',
  institution: 'GT/PGN',
  roles: ['protection_case_worker'],
} as Principal;
export const PLATFORM_ADMIN: Principal = {
  subject: 'dev|platform.admin',
  country: 'ST',
  institution: 'ST-CRM',
  roles: ['platform_admin'],
} as Principal;
export const ST_COORDINATOR: Principal = {
  subject: 'dev|st.coordinator',
  country: 'ST',
  institution: 'ST-CRM',
  roles: ['secretariat_coordinator'],
} as Principal;

export function viewOf(
  caseId: string,
  overrides: Partial<PersonalDataAccessContext> = {},
): PersonalDataAccessContext {
  return {
    principal: HN_CASE_WORKER,
    caseId,
    purpose: 'Seguimiento del caso',
    caseCountry: 'HN',
    ...overrides,
  };
}
