import { MemoryEventStore } from '@crm/event-store';
import { fixedClock } from '@crm/kernel';
import { displayValue, ERASED_TEXT, isFieldCiphertext, type FieldCiphertext } from './ciphertext';
import { PersonalDataIntegrityError, SubjectErasedError } from './errors';
import { KekRing, LocalKeyEncryptionKey } from './kek';
import { MemoryKeyStore } from './memory-key-store';
import { definePersonalData } from './personal-fields';
import { PersonalDataProtector } from './protector';
import { viewOf } from './testing/principals';

const REFERRAL = definePersonalData('TestReferralOpened', [
  'child.name',
  'child.dateOfBirth',
  'child.photo',
  'family.contacts',
  'notes',
]);

const record = {
  caseId: 'case-1',
  country: 'HN',
  child: {
    name: 'María José Pérez',
    dateOfBirth: '2012-04-05',
    photo: 'data:image/png;base64,iVBORw0KGgo=',
    nationality: 'HN',
  },
  family: { contacts: [{ relation: 'madre', phone: '+504 5555 1234' }] },
  notes: 'Viaja sola desde San Pedro Sula',
};

function setup() {
  const keys = new MemoryKeyStore();
  const accessLog = new MemoryEventStore();
  const protector = new PersonalDataProtector({
    keys,
    kek: new KekRing(LocalKeyEncryptionKey.generate()),
    accessLog,
    clock: fixedClock('2026-01-01T00:00:00Z'),
  });
  return { keys, protector, accessLog };
}

const view = viewOf('HN-2026-0001');
const erasure = {
  principal: view.principal,
  subjectId: 'child-1',
  reason: 'Solicitud de supresión SUP-2026-7',
  caseCountry: 'HN' as const,
};

describe('PersonalDataProtector', () => {
  it('replaces each personal field by JSON-safe ciphertext and leaves the rest alone', async () => {
    const { protector } = setup();
    const p = await protector.protect('child-1', record, REFERRAL.paths);
    expect(p.caseId).toBe('case-1');
    expect(p.child.nationality).toBe('HN');
    for (const path of REFERRAL.paths) {
      const value = path.split('.').reduce<any>((o, k) => o[k], p);
      expect(isFieldCiphertext(value)).toBe(true);
    }
    const text = JSON.stringify(p);
    for (const secret of ['María', '2012-04-05', 'iVBORw0KGgo', '5555', 'San Pedro Sula'])
      expect(text).not.toContain(secret);
    expect(JSON.parse(text)).toEqual(p);
    expect(record.child.name).toBe('María José Pérez'); // input untouched
  });

  it('round-trips through reveal', async () => {
    const { protector } = setup();
    const p = await protector.protect('child-1', record, REFERRAL.paths);
    expect(await protector.reveal(view, 'child-1', p, REFERRAL.paths)).toEqual(record);
  });

  it('uses a fresh IV for every encryption', async () => {
    const { protector } = setup();
    const a = await protector.protect('child-1', record, ['child.name']);
    const b = await protector.protect('child-1', record, ['child.name']);
    const ca = a.child.name as unknown as FieldCiphertext;
    const cb = b.child.name as unknown as FieldCiphertext;
    expect(ca.kid).toBe(cb.kid);
    expect(ca.iv).not.toBe(cb.iv);
    expect(ca.ct).not.toBe(cb.ct);
  });

  it('binds ciphertext to its child and field (moved ciphertext fails the integrity check)', async () => {
    const { protector } = setup();
    const p = await protector.protect('child-1', record, REFERRAL.paths);
    const swapped = { ...p, notes: p.child.name };
    await expect(protector.reveal(view, 'child-1', swapped, ['notes'])).rejects.toBeInstanceOf(
      PersonalDataIntegrityError,
    );
    await protector.protect('child-2', record, ['child.name']);
    await expect(protector.reveal(view, 'child-2', p, ['child.name'])).resolves.toMatchObject({
      child: { name: { erased: true } },
    });
  });

  it('detects tampering', async () => {
    const { protector } = setup();
    const p = await protector.protect('child-1', record, ['notes']);
    const c = p.notes as unknown as FieldCiphertext;
    const ct = Buffer.from(c.ct, 'base64');
    ct[0] ^= 1;
    await expect(
      protector.reveal(view, 'child-1', { ...p, notes: { ...c, ct: ct.toString('base64') } }, ['notes']),
    ).rejects.toBeInstanceOf(PersonalDataIntegrityError);
  });

  it('erases: reveal shows { erased: true } ("[borrado / erased]") and no new data can be stored for the child', async () => {
    const { protector } = setup();
    const p = await protector.protect('child-1', record, REFERRAL.paths);
    expect(await protector.erase(erasure)).toBe('erased');
    const r = await protector.reveal(view, 'child-1', p, REFERRAL.paths);
    expect(r.child.name).toEqual({ erased: true });
    expect(r.family.contacts).toEqual({ erased: true });
    expect(r.child.nationality).toBe('HN');
    expect(displayValue(r.child.name)).toBe(ERASED_TEXT);
    expect(displayValue('Ana')).toBe('Ana');
    await expect(protector.protect('child-1', record, REFERRAL.paths)).rejects.toBeInstanceOf(
      SubjectErasedError,
    );
    expect(await protector.erase(erasure)).toBe('already_erased');
  });

  it('cannot reveal with a different KEK', async () => {
    const { keys, protector } = setup();
    const p = await protector.protect('child-1', record, ['notes']);
    const other = new PersonalDataProtector({
      keys,
      kek: new KekRing(LocalKeyEncryptionKey.generate()),
      accessLog: new MemoryEventStore(),
    });
    await expect(other.reveal(view, 'child-1', p, ['notes'])).rejects.toMatchObject({
      code: 'pii.kek_unavailable',
    });
  });
});
