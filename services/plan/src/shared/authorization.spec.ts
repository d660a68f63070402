import { ForbiddenError, MemoryAuditSink, Role, type AuditSink, type Principal } from '@crm/auth';
import { fixedClock } from '@crm/kernel';
import { authorizeCommand } from './authorization';

const clock = fixedClock(new Date('2020-07-15T12:00:00Z'));
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

describe('authorizeCommand (plan commands through @crm/auth enforce/actorOf)', () => {
  it('returns the actor under the granting role', async () => {
    await expect(authorizeCommand({ clock }, hn, 'plan.report.draft', { country: 'HN' })).resolves.toEqual({
      subject: 'hn-ro',
      role: Role.ReportingOfficer,
      country: 'HN',
      institution: 'HN/MRE',
    });
  });

  it('records a denial (method COMMAND, path: the command, else CommandBus; organisation) and throws 403', async () => {
    const audit = new MemoryAuditSink();
    await expect(
      authorizeCommand({ audit, clock, via: 'SaveDraftCommand' }, hn, 'plan.report.draft', { country: 'GT' }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(
      authorizeCommand({ audit, clock }, unicef, 'plan.catalogue.amend', {}),
    ).rejects.toMatchObject({ code: 'auth.forbidden.role_not_permitted' });
    expect(audit.entries).toEqual([
      {
        at: clock(),
        outcome: 'denied',
        reason: 'other_country',
        operation: 'plan.report.draft',
        principal: { subject: 'hn-ro', country: 'HN', institution: 'HN/MRE', roles: [Role.ReportingOfficer] },
        resource: { country: 'GT', method: 'COMMAND', path: 'SaveDraftCommand' },
      },
      {
        at: clock(),
        outcome: 'denied',
        reason: 'role_not_permitted',
        operation: 'plan.catalogue.amend',
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
    await expect(
      authorizeCommand({ audit: broken, clock }, hn, 'plan.report.approve', { country: 'HN' }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(
      authorizeCommand({ clock }, hn, 'plan.report.approve', { country: 'HN' }),
    ).rejects.toBeInstanceOf(ForbiddenError);
  });
});
