import { MEMBER_COUNTRIES } from '@crm/kernel';
import { authorize, scopeCountries } from './policy';
import { Role, type Principal } from './principal';

const hnWorker: Principal = {
  subject: 'a',
  country: 'HN',
  institution: 'HN/P',
  roles: [Role.ProtectionCaseWorker],
};
const coordinator: Principal = {
  subject: 'b',
  country: 'ST',
  institution: 'ST-CRM',
  roles: [Role.SecretariatCoordinator],
};
const unicef: Principal = {
  subject: 'c',
  country: null,
  organisation: 'UNICEF',
  institution: 'UNICEF',
  roles: [Role.Observer],
};

describe('policy helpers', () => {
  it('scopes queries: own country, all countries for the Secretariat, nothing for observers', () => {
    expect(scopeCountries(hnWorker, 'plan.report.read')).toEqual(['HN']);
    expect(scopeCountries(coordinator, 'plan.history.read').sort()).toEqual([...MEMBER_COUNTRIES].sort());
    expect(scopeCountries(unicef, 'plan.report.read')).toEqual([]);
    expect(scopeCountries(unicef, 'plan.catalogue.read')).toHaveLength(11);
    expect(scopeCountries(hnWorker, 'no.such.operation')).toEqual([]);
  });

  it('personal data needs a non-blank purpose, with an es/en reason', () => {
    const d = authorize(hnWorker, 'pii.read', { country: 'HN', purpose: '   ' });
    expect(d).toMatchObject({ allowed: false, reason: 'purpose_required' });
    if (!d.allowed) expect(d.message.es).toMatch(/finalidad/);
    expect(authorize(hnWorker, 'pii.read', { country: 'HN', purpose: 'reunificación familiar' })).toEqual({
      allowed: true,
      grantedBy: 'protection_case_worker',
    });
  });

  it('observers and the Secretariat may not read country reports or personal data', () => {
    const withRole: Principal = { ...unicef, roles: [Role.Observer] };
    expect(authorize(withRole, 'plan.report.read', { country: 'HN' })).toMatchObject({
      allowed: false,
      reason: 'role_not_permitted',
    });
    expect(authorize(coordinator, 'pii.read', { country: 'HN', purpose: 'x' })).toMatchObject({
      allowed: false,
      reason: 'role_not_permitted',
    });
  });
});
