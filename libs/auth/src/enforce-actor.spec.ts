import { fixedClock } from '@crm/kernel';
import { MemoryAuditSink, type AuditSink } from './audit';
import { ForbiddenError } from './errors';
import { definePolicy } from './policy';
import { Role, type Principal } from './principal';

const clock = fixedClock(new Date('2020-07-15T12:00:00Z'));
const POLICY = definePolicy({
  'test.report.draft': [{ roles: [Role.ReportingOfficer], scope: 'own-country' }],
  'test.catalogue.amend': [{ roles: [Role.SecretariatCoordinator], scope: 'secretariat' }],
});
const hn: Principal = {
  subject: 'hn-ro',
  country: 'HN',
  institution: 'HN/MRE',
  roles: [Role.ReportingOfficer],
};
const unicef: Principal = {
  subject: 'unicef',
  country: null,
  organisation: 'UNICEF',
  institution: 'UNICEF',
  roles: [Role.Observer],
};

describe('Policy.enforceActor (command handlers, personal-data protector)', () => {
  it('returns the actor under the granting role', async () => {
    await expect(POLICY.enforceActor({ clock }, hn, 'test.report.draft', { country: 'HN' })).resolves.toEqual(
      {
        subject: 'hn-ro',
        role: Role.ReportingOfficer,
        country: 'HN',
        institution: 'HN/MRE',
      },
    );
  });

  it('records a denial (method COMMAND, path: the caller, else CommandBus; organisation) and throws 403', async () => {
    const audit = new MemoryAuditSink();
    await expect(
      POLICY.enforceActor({ audit, clock, via: 'SaveDraftCommand' }, hn, 'test.report.draft', {
        country: 'GT',
      }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(
      POLICY.enforceActor({ audit, clock }, unicef, 'test.catalogue.amend', {}),
    ).rejects.toMatchObject({
      code: 'auth.forbidden.role_not_permitted',
    });
    expect(audit.entries).toEqual([
      {
        at: clock(),
        outcome: 'denied',
        reason: 'other_country',
        operation: 'test.report.draft',
        principal: { subject: 'hn-ro', country: 'HN', institution: 'HN/MRE', roles: [Role.ReportingOfficer] },
        resource: { country: 'GT', method: 'COMMAND', path: 'SaveDraftCommand' },
      },
      {
        at: clock(),
        outcome: 'denied',
        reason: 'role_not_permitted',
        operation: 'test.catalogue.amend',
        principal: {
          subject: 'unicef',
          country: null,
          institution: 'UNICEF',
          roles: [Role.Observer],
          organisation: 'UNICEF',
        },
        resource: { method: 'COMMAND', path: 'CommandBus' },
      },
    ]);
  });

  it('still refuses when the audit sink fails, or when there is none', async () => {
    const broken: AuditSink = {
      record: async () => {
        throw new Error('sink down');
      },
    };
    const log: string[] = [];
    await expect(
      POLICY.enforceActor({ audit: broken, clock, log: (l) => log.push(l) }, hn, 'test.catalogue.amend', {}),
    ).rejects.toBeInstanceOf(ForbiddenError);
    expect(log).toEqual([expect.stringContaining('sink down')]);
    await expect(POLICY.enforceActor({ clock }, hn, 'test.catalogue.amend', {})).rejects.toBeInstanceOf(
      ForbiddenError,
    );
  });
});
