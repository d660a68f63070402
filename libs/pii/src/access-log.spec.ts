import { MemoryAuditSink, ForbiddenError } from '@crm/auth';
import { MemoryEventStore, type EventStore } from '@crm/event-store';
import { fixedClock } from '@crm/kernel';
import { AccessLogUnavailableError, ErasureReasonRequiredError, PurposeRequiredError } from './errors';
import { erasureEventId } from './erasure-log';
import { KekRing, LocalKeyEncryptionKey } from './kek';
import { MemoryKeyStore } from './memory-key-store';
import { PersonalDataProtector } from './protector';
import {
  GT_CASE_WORKER,
  HN_CASE_WORKER,
  MX_CONSUL,
  PLATFORM_ADMIN,
  ST_COORDINATOR,
  viewOf,
} from './testing/principals';

const FIELDS = ['child.name', 'notes'];
const record = {
  caseId: 'HN-2026-0001',
  child: { name: 'Ana Lucía Mejía', sex: 'F' },
  notes: 'Viaja con su primo',
};
const clock = fixedClock('2026-05-01T10:00:00Z');

function setup(accessLog: EventStore = new MemoryEventStore({ clock })) {
  const keys = new MemoryKeyStore();
  const kek = LocalKeyEncryptionKey.generate();
  const unwrap = jest.spyOn(kek, 'unwrap');
  const audit = new MemoryAuditSink();
  const protector = new PersonalDataProtector({ keys, kek: new KekRing(kek), accessLog, audit, clock });
  return { keys, unwrap, audit, protector, accessLog };
}

async function protectedRecord(protector: PersonalDataProtector) {
  return protector.protect('child-9', record, FIELDS);
}

describe('reveal: every view of a child personal data is authorised and recorded first', () => {
  it('appends PersonalDataViewed (who, when, which case, why) to piiAccess-<caseId>, then decrypts', async () => {
    const { protector, accessLog, unwrap } = setup();
    const p = await protectedRecord(protector);
    unwrap.mockClear();
    const access = viewOf('HN-2026-0001', {
      purpose: '  Preparar la reunificación familiar ',
      addressedTo: ['MX'],
    });
    expect(await protector.reveal(access, 'child-9', p, FIELDS)).toEqual(record);
    await protector.reveal(
      viewOf('HN-2026-0001', { principal: MX_CONSUL, purpose: 'Entrevista consular', addressedTo: ['MX'] }),
      'child-9',
      p,
      FIELDS,
    );
    const events = await accessLog.readStream('piiAccess-HN-2026-0001');
    expect(events.map((e) => e.type)).toEqual(['PersonalDataViewed', 'PersonalDataViewed']);
    expect(events[0].data).toEqual({
      caseId: 'HN-2026-0001',
      subjectId: 'child-9',
      purpose: 'Preparar la reunificación familiar',
      viewedAt: '2026-05-01T10:00:00.000Z',
      viewer: {
        subject: HN_CASE_WORKER.subject,
        country: 'HN',
        institution: 'HN/DINAF',
        roles: ['protection_case_worker'],
      },
      outcome: 'revealed',
    });
    expect(events[0].metadata.actor).toEqual({
      subject: HN_CASE_WORKER.subject,
      role: 'protection_case_worker',
      country: 'HN',
      institution: 'HN/DINAF',
    });
    expect(events[0].metadata.countries).toEqual(['HN', 'MX']);
    expect(events[1].metadata.actor).toMatchObject({
      subject: MX_CONSUL.subject,
      role: 'consular_officer',
      country: 'MX',
    });
    expect(JSON.stringify(events.map((e) => [e.data, e.metadata]))).not.toContain('Ana Lucía');
    expect(unwrap).toHaveBeenCalledTimes(2);
  });

  it.each([[''], ['  '], [undefined], ['ok'], ['x'.repeat(501)]])(
    'refuses a missing or unusable purpose %j in es/en: nothing written, nothing decrypted',
    async (purpose) => {
      const { protector, accessLog, unwrap } = setup();
      const p = await protectedRecord(protector);
      unwrap.mockClear();
      const attempt = protector.reveal(viewOf('c1', { purpose: purpose as string }), 'child-9', p, FIELDS);
      await expect(attempt).rejects.toBeInstanceOf(PurposeRequiredError);
      await expect(attempt).rejects.toMatchObject({
        kind: 'invalid_request',
        text: { es: expect.stringMatching(/finalidad/), en: expect.stringMatching(/purpose/) },
      });
      expect(await accessLog.readAll()).toEqual([]);
      expect(unwrap).not.toHaveBeenCalled();
    },
  );

  it('refuses a view the policy denies (another country, the Secretariat) with a recorded 403: nothing written, nothing decrypted', async () => {
    const { protector, accessLog, unwrap, audit } = setup();
    const p = await protectedRecord(protector);
    unwrap.mockClear();
    await expect(
      protector.reveal(viewOf('c1', { principal: GT_CASE_WORKER }), 'child-9', p, FIELDS),
    ).rejects.toMatchObject({ kind: 'forbidden', code: 'auth.forbidden.other_country' });
    await expect(
      protector.reveal(viewOf('c1', { principal: ST_COORDINATOR }), 'child-9', p, FIELDS),
    ).rejects.toBeInstanceOf(ForbiddenError);
    expect(audit.entries.map((e) => [e.principal?.subject, e.operation, e.reason, e.resource.path])).toEqual([
      [GT_CASE_WORKER.subject, 'pii.read', 'other_country', 'pii.reveal:c1'],
      [ST_COORDINATOR.subject, 'pii.read', 'role_not_permitted', 'pii.reveal:c1'],
    ]);
    expect(await accessLog.readAll()).toEqual([]);
    expect(unwrap).not.toHaveBeenCalled();
  });

  it('refuses with AccessLogUnavailableError (503, es/en) and decrypts nothing when the append fails', async () => {
    const broken = new MemoryEventStore();
    const { protector, unwrap } = setup(broken);
    const p = await protectedRecord(protector);
    unwrap.mockClear();
    await broken.close();
    const attempt = protector.reveal(viewOf('c1'), 'child-9', p, FIELDS);
    await expect(attempt).rejects.toBeInstanceOf(AccessLogUnavailableError);
    await expect(attempt).rejects.toMatchObject({
      kind: 'unavailable',
      code: 'pii.access_log_unavailable',
      details: { what: 'view' },
      text: { es: expect.any(String), en: expect.any(String) },
    });
    expect(unwrap).not.toHaveBeenCalled();
  });

  it('records the view of an erased child too (outcome erased), which shows nothing', async () => {
    const { protector, accessLog } = setup();
    const p = await protectedRecord(protector);
    await protector.erase({
      principal: HN_CASE_WORKER,
      subjectId: 'child-9',
      reason: 'Solicitud de supresión SUP-1',
      caseCountry: 'HN',
    });
    const r = await protector.reveal(viewOf('c1'), 'child-9', p, FIELDS);
    expect(r).toEqual({
      caseId: 'HN-2026-0001',
      child: { name: { erased: true }, sex: 'F' },
      notes: { erased: true },
    });
    const [viewed] = await accessLog.readStream('piiAccess-c1');
    expect(viewed.data).toMatchObject({ subjectId: 'child-9', outcome: 'erased' });
  });
});

describe('erase: crypto-shredding is authorised and recorded', () => {
  it('destroys the key and appends PersonalDataErased (who, when, why, no personal data) to piiErasure-<subjectId>', async () => {
    const { protector, accessLog, keys } = setup();
    const p = await protectedRecord(protector);
    const request = {
      principal: HN_CASE_WORKER,
      subjectId: 'child-9',
      reason: 'Solicitud de supresión SUP-2026-7 (art. 17)',
      caseCountry: 'HN' as const,
    };
    expect(await protector.erase(request)).toBe('erased');
    const found = await keys.find('child-9');
    expect(found.state).toBe('erased');
    const events = await accessLog.readStream('piiErasure-child-9');
    expect(events).toHaveLength(1);
    expect(events[0].type).toBe('PersonalDataErased');
    expect(events[0].metadata.eventId).toBe(erasureEventId('child-9'));
    expect(events[0].data).toEqual({
      subjectId: 'child-9',
      keyId: (p.child.name as unknown as { kid: string }).kid,
      reason: 'Solicitud de supresión SUP-2026-7 (art. 17)',
      erasedAt: '2026-05-01T10:00:00.000Z',
      erasedBy: {
        subject: HN_CASE_WORKER.subject,
        country: 'HN',
        institution: 'HN/DINAF',
        roles: ['protection_case_worker'],
      },
    });
    expect(events[0].metadata.countries).toEqual(['HN']);
    expect(JSON.stringify(events.map((e) => [e.data, e.metadata]))).not.toMatch(/Ana Lucía|primo/);
    // erasing again changes nothing and records nothing new
    expect(await protector.erase({ ...request, principal: PLATFORM_ADMIN })).toBe('already_erased');
    expect(await accessLog.readStream('piiErasure-child-9')).toHaveLength(1);
  });

  it('requires a reason and the pii.erase grant; refusals destroy nothing', async () => {
    const { protector, keys, accessLog } = setup();
    await protectedRecord(protector);
    await expect(
      protector.erase({ principal: HN_CASE_WORKER, subjectId: 'child-9', reason: ' ', caseCountry: 'HN' }),
    ).rejects.toBeInstanceOf(ErasureReasonRequiredError);
    await expect(
      protector.erase({
        principal: GT_CASE_WORKER,
        subjectId: 'child-9',
        reason: 'Solicitud SUP-3',
        caseCountry: 'HN',
      }),
    ).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(
      protector.erase({
        principal: MX_CONSUL,
        subjectId: 'child-9',
        reason: 'Solicitud SUP-3',
        caseCountry: 'MX',
      }),
    ).rejects.toMatchObject({ kind: 'forbidden' });
    expect((await keys.find('child-9')).state).toBe('active');
    expect(await accessLog.readAll()).toEqual([]);
  });

  it('the platform administrator may erase any country; a failed record is completed, once, by repeating the erasure', async () => {
    const flaky = new MemoryEventStore({ clock });
    const { protector, keys } = setup(flaky);
    await protectedRecord(protector);
    const append = jest.spyOn(flaky, 'appendToStream').mockRejectedValueOnce(new Error('store down'));
    const request = {
      principal: PLATFORM_ADMIN,
      subjectId: 'child-9',
      reason: 'Orden judicial 123/2026',
      caseCountry: 'HN' as const,
    };
    await expect(protector.erase(request)).rejects.toMatchObject({
      code: 'pii.access_log_unavailable',
      details: { what: 'erasure' },
    });
    expect((await keys.find('child-9')).state).toBe('erased');
    expect(await protector.erase(request)).toBe('already_erased');
    expect(await protector.erase(request)).toBe('already_erased');
    expect(append).toHaveBeenCalledTimes(3);
    const events = await flaky.readStream('piiErasure-child-9');
    expect(events).toHaveLength(1);
    expect(events[0].metadata.actor).toEqual({
      subject: PLATFORM_ADMIN.subject,
      role: 'platform_admin',
      country: 'ST',
      institution: 'ST-CRM',
    });
    expect(events[0].metadata.countries).toEqual(['HN']);
  });
});
