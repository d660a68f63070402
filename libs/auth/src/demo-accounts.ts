import { COUNTRY_NAMES, MEMBER_COUNTRIES, SECRETARIAT } from '@crm/kernel';
import { Role, type Principal } from './principal';

/** A development-only account of the built-in issuer. */
export interface DemoAccount {
  username: string;
  principal: Principal;
}

const COUNTRY_ROLE_INSTITUTION: Array<[Role, string, string]> = [
  [Role.ReportingOfficer, 'MRE', 'Ministerio de Relaciones Exteriores'],
  [Role.ConsularOfficer, 'CONSULADO', 'Red consular'],
  [Role.ProtectionCaseWorker, 'PROTECCION', 'Institución de protección de la niñez'],
  [Role.ProtectionSupervisor, 'PROTECCION', 'Supervisión de la institución de protección de la niñez'],
  [Role.AlertFocalPoint, 'ALERTA', 'Punto focal de alertas de niñez desaparecida'],
  [Role.NationalSystem, 'SISTEMA', 'Sistema nacional (integración)'],
];

export const OBSERVER_ORGANISATIONS = ['UNICEF', 'IOM', 'UNHCR', 'ICRC'] as const;
export const CIVIL_SOCIETY_ORGANISATIONS = ['RROCM'] as const;

function account(username: string, principal: Omit<Principal, 'subject'>): DemoAccount {
  return { username, principal: { subject: `dev|${username}`, ...principal } };
}

/**
 * Deterministic demo accounts: `<cc>.<role>` for each member country and country role
 * (e.g. `hn.reporting_officer`), `st.coordinator`, `st.analyst`, `st.practice_reviewer`, `<org>.observer`
 * (unicef, iom, unhcr, icrc), `rrocm.civil_society`, `platform.admin`.
 */
export function demoAccounts(): DemoAccount[] {
  const out: DemoAccount[] = [];
  for (const cc of MEMBER_COUNTRIES) {
    for (const [role, inst, label] of COUNTRY_ROLE_INSTITUTION) {
      out.push(
        account(`${cc.toLowerCase()}.${role}`, {
          country: cc,
          institution: `${cc}/${inst}`,
          roles: [role],
          name: `${label} (${COUNTRY_NAMES[cc].es})`,
        }),
      );
    }
  }
  out.push(
    account('st.coordinator', {
      country: SECRETARIAT,
      institution: 'ST-CRM',
      roles: [Role.SecretariatCoordinator],
      name: 'Coordinación ST-CRM',
    }),
    account('st.analyst', {
      country: SECRETARIAT,
      institution: 'ST-CRM',
      roles: [Role.SecretariatAnalyst],
      name: 'Análisis ST-CRM',
    }),
    account('st.practice_reviewer', {
      country: SECRETARIAT,
      institution: 'ST-CRM',
      roles: [Role.PracticeReviewer],
      name: 'Revisión de buenas prácticas ST-CRM',
    }),
    account('platform.admin', {
      country: SECRETARIAT,
      institution: 'ST-CRM/TI',
      roles: [Role.PlatformAdmin],
      name: 'Administración de la plataforma',
    }),
  );
  for (const org of OBSERVER_ORGANISATIONS) {
    out.push(
      account(`${org.toLowerCase()}.observer`, {
        country: null,
        organisation: org,
        institution: org,
        roles: [Role.Observer],
        name: `${org} (observador)`,
      }),
    );
  }
  for (const org of CIVIL_SOCIETY_ORGANISATIONS) {
    out.push(
      account(`${org.toLowerCase()}.civil_society`, {
        country: null,
        organisation: org,
        institution: org,
        roles: [Role.CivilSocietySubmitter],
        name: `${org} (sociedad civil)`,
      }),
    );
  }
  return out;
}
