import { MemoryEventStore } from '@crm/event-store';
import { fixedClock } from '@crm/kernel';
import type { Principal } from '@crm/auth';
import { PurposeRequiredError } from './errors';
import { recordPersonalDataAccess } from './access-log';

const worker = { subject: 'dev|hn.protection_case_worker', country: 'HN', institution: 'HN/PROTECCION', roles: ['protection_case_worker'] } as Principal;

describe('access log of personal data', () => {
  it('appends PersonalDataViewed (who, when, which case, why) to piiAccess-<caseId>', async () => {
    const store = new MemoryEventStore({ clock: fixedClock('2026-05-01T10:00:00Z') });
    const at = new Date('2026-05-01T09:59:00Z');
    await recordPersonalDataAccess(store, { principal: worker, caseId: 'HN-2026-0001', subjectId: 'child-9', purpose: 'Preparar la reunificación familiar', at, caseCountries: ['HN', 'MX'] });
    await recordPersonalDataAccess(store, { principal: worker, caseId: 'HN-2026-0001', subjectId: 'child-9', purpose: 'Seguimiento', at });
    const events = await store.readStream('piiAccess-HN-2026-0001');
    expect(events).toHaveLength(2);
    expect(events[0].type).toBe('PersonalDataViewed');
    expect(events[0].data).toEqual({
      caseId: 'HN-2026-0001',
      subjectId: 'child-9',
      purpose: 'Preparar la reunificación familiar',
      viewedAt: at.toISOString(),
      viewer: { subject: worker.subject, country: 'HN', institution: 'HN/PROTECCION', roles: ['protection_case_worker'] },
    });
    expect(events[0].metadata.actor).toEqual({ subject: worker.subject, role: 'protection_case_worker', country: 'HN', institution: 'HN/PROTECCION' });
    expect(events[0].metadata.countries).toEqual(['HN', 'MX']);
  });

  it.each([[''], ['  '], [undefined], ['x'.repeat(501)]])('refuses a missing or unusable purpose %j in es/en and writes nothing', async (purpose) => {
    const store = new MemoryEventStore();
    const attempt = recordPersonalDataAccess(store, { principal: worker, caseId: 'c1', subjectId: 's1', purpose: purpose as string, at: new Date() });
    await expect(attempt).rejects.toBeInstanceOf(PurposeRequiredError);
    await expect(attempt).rejects.toMatchObject({ text: { es: expect.stringMatching(/finalidad/), en: expect.stringMatching(/purpose/) } });
    expect(await store.readAll()).toEqual([]);
  });
});
