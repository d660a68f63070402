import { MEMBER_COUNTRIES } from '@crm/kernel';
import { definePolicy, type Grant, type PolicyRows } from './policy';
import { Role, type Principal } from './principal';

/** Rows of an example service: the mechanism is tested here, each service's rows by tests/auth-matrix. */
const EXAMPLE = definePolicy({
  'example.catalogue.read': [{ roles: Object.values(Role), scope: 'any' }],
  'example.case.read': [
    { roles: [Role.ProtectionCaseWorker, Role.ReportingOfficer], scope: 'own-country' },
    { roles: [Role.SecretariatCoordinator], scope: 'secretariat' },
  ],
  'example.child.read': [
    { roles: [Role.ProtectionCaseWorker], scope: 'own-or-addressed', requiresPurpose: true },
  ],
});

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

describe('definePolicy: a service declares its rows, the library decides', () => {
  it('scopes queries: own country, all countries for the Secretariat, nothing for observers', () => {
    expect(EXAMPLE.scopeCountries(hnWorker, 'example.case.read')).toEqual(['HN']);
    expect(EXAMPLE.scopeCountries(coordinator, 'example.case.read').sort()).toEqual(
      [...MEMBER_COUNTRIES].sort(),
    );
    expect(EXAMPLE.scopeCountries(unicef, 'example.case.read')).toEqual([]);
    expect(EXAMPLE.scopeCountries(unicef, 'example.catalogue.read')).toHaveLength(11);
    expect(EXAMPLE.scopeCountries(hnWorker, 'no.such.operation')).toEqual([]);
  });

  it('a purpose-bound grant needs a non-blank purpose, with an es/en reason', () => {
    const d = EXAMPLE.authorize(hnWorker, 'example.child.read', { country: 'HN', purpose: '   ' });
    expect(d).toMatchObject({ allowed: false, reason: 'purpose_required' });
    if (!d.allowed) expect(d.message.es).toMatch(/finalidad/);
    expect(
      EXAMPLE.authorize(hnWorker, 'example.child.read', { country: 'GT', addressedTo: ['HN'], purpose: 'x' }),
    ).toEqual({ allowed: true, grantedBy: 'protection_case_worker' });
  });

  it('denies roles the rows do not name, and operations of other policies (default deny)', () => {
    expect(EXAMPLE.authorize(unicef, 'example.case.read', { country: 'HN' })).toMatchObject({
      allowed: false,
      reason: 'role_not_permitted',
    });
    expect(EXAMPLE.authorize(coordinator, 'plan.report.read', { country: 'HN' })).toMatchObject({
      allowed: false,
      reason: 'unknown_operation',
    });
    expect(EXAMPLE.isOperation('example.case.read')).toBe(true);
    expect(EXAMPLE.isOperation('toString')).toBe(false);
    expect(EXAMPLE.operations).toEqual(['example.catalogue.read', 'example.case.read', 'example.child.read']);
  });

  it('combines row sets, refusing an operation declared twice', () => {
    const other = { 'other.thing.read': [{ roles: [Role.Observer], scope: 'any' }] } as const;
    const both = definePolicy(EXAMPLE.rows, other);
    expect(both.operations).toEqual([...EXAMPLE.operations, 'other.thing.read']);
    expect(both.authorize(unicef, 'other.thing.read').allowed).toBe(true);
    expect(() => definePolicy(EXAMPLE.rows, { 'example.case.read': other['other.thing.read'] })).toThrow(
      'policy: operation example.case.read is declared twice',
    );
  });

  it.each<[string, PolicyRows, string]>([
    [
      'an operation id that is not dotted',
      { report: [{ roles: [Role.Observer], scope: 'any' }] },
      'invalid operation id',
    ],
    ['an operation without grants', { 'x.y': [] }, 'has no grant'],
    ['a grant without roles', { 'x.y': [{ roles: [], scope: 'any' }] }, 'names no role'],
    ['an unknown role', { 'x.y': [{ roles: ['boss' as Role], scope: 'any' }] }, 'unknown role "boss"'],
    [
      'an unknown scope',
      { 'x.y': [{ roles: [Role.Observer], scope: 'world' } as unknown as Grant] },
      'unknown scope',
    ],
  ])('refuses %s at declaration', (_what, rows, message) => {
    expect(() => definePolicy(rows)).toThrow(message);
  });

  it('type-checks operations where code declares them', () => {
    // @ts-expect-error an operation outside the rows does not compile
    expect(() => EXAMPLE.RequireOperation('example.case.delete')).not.toThrow();
    const rows: readonly string[] = EXAMPLE.operations;
    expect(Object.isFrozen(EXAMPLE.rows) && Object.isFrozen(rows)).toBe(true);
  });
});
