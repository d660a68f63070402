import { Logger } from '@nestjs/common';
import { fixedClock } from '@crm/kernel';
import { MemoryAuditSink, type AuditSink } from './audit';
import { actorOf } from './enforce';
import { ForbiddenError } from './errors';
import { definePolicy } from './policy';
import { Role, type Principal } from './principal';

const { enforce } = definePolicy({
  'example.report.submit': [{ roles: [Role.ReportingOfficer], scope: 'own-country' }],
  'example.child.read': [{ roles: [Role.ProtectionCaseWorker], scope: 'own-country', requiresPurpose: true }],
});

const hn: Principal = { subject: 'u1', country: 'HN', institution: 'HN/MRE', roles: [Role.ReportingOfficer] };
const icrc: Principal = {
  subject: 'u2',
  country: null,
  organisation: 'ICRC',
  institution: 'ICRC',
  roles: [Role.Observer],
};
const clock = fixedClock('2026-06-30T12:00:00Z');

describe("a policy's enforce (non-HTTP authorisation)", () => {
  it('returns the granting role when allowed and records nothing', async () => {
    const audit = new MemoryAuditSink();
    await expect(enforce({ audit, clock }, hn, 'example.report.submit', { country: 'HN' })).resolves.toEqual({
      grantedBy: 'reporting_officer',
    });
    expect(audit.entries).toEqual([]);
  });

  it('records the denial, then throws a 403 ForbiddenError', async () => {
    const audit = new MemoryAuditSink();
    const attempt = enforce({ audit, clock, via: 'kafka:plan.reports.hn' }, hn, 'example.report.submit', {
      country: 'GT',
    });
    await expect(attempt).rejects.toBeInstanceOf(ForbiddenError);
    await expect(attempt).rejects.toMatchObject({ kind: 'forbidden', code: 'auth.forbidden.other_country' });
    expect(audit.entries).toHaveLength(1);
    expect(audit.entries[0]).toMatchObject({
      operation: 'example.report.submit',
      outcome: 'denied',
      reason: 'other_country',
      resource: { country: 'GT', path: 'kafka:plan.reports.hn' },
    });
  });

  it('still denies when the audit sink fails, and logs the failure without the resource or the identity', async () => {
    const broken: AuditSink = { record: async () => Promise.reject(new Error('db down')) };
    const lines: string[] = [];
    const purpose = 'Localizar a Juana Pérez López';
    const attempt = enforce(
      { audit: broken, clock, log: (l) => lines.push(l), via: 'kafka:pii' },
      icrc,
      'example.child.read',
      { country: 'HN', purpose },
    );
    await expect(attempt).rejects.toBeInstanceOf(ForbiddenError);
    expect(lines).toEqual([
      'audit sink failed to record a denial of example.child.read (role_not_permitted) via kafka:pii: db down',
    ]);
    expect(lines.join('')).not.toContain('Juana');
    expect(lines.join('')).not.toContain(icrc.subject);
  });

  it('logs a failing sink through the Nest logger by default', async () => {
    const broken: AuditSink = { record: async () => Promise.reject(new Error('db down')) };
    const spy = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    try {
      await expect(
        enforce({ audit: broken, clock }, icrc, 'example.report.submit', { country: 'HN' }),
      ).rejects.toBeInstanceOf(ForbiddenError);
      expect(spy).toHaveBeenCalledWith(
        'audit sink failed to record a denial of example.report.submit (role_not_permitted) via example.report.submit: db down',
      );
    } finally {
      spy.mockRestore();
    }
  });

  it('builds event actors only for country and Secretariat principals', () => {
    expect(actorOf(hn, Role.ReportingOfficer)).toEqual({
      subject: 'u1',
      role: 'reporting_officer',
      country: 'HN',
      institution: 'HN/MRE',
    });
    expect(() => actorOf(icrc, Role.Observer)).toThrow(ForbiddenError);
  });
});
