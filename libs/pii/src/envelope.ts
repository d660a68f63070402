import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { systemClock, type Clock } from '@crm/kernel';
import { ERASED, isFieldCiphertext, type FieldCiphertext } from './ciphertext';
import { PersonalDataIntegrityError, SubjectErasedError } from './errors';
import type { KekRing } from './kek';
import type { KeyLookup, KeyStore, WrappedDataKey } from './key-store';
import { getPath, withPath } from './personal-fields';

/**
 * INTERNAL to @crm/pii (not exported from its index): the envelope encryption itself, without access
 * control or access log. Services use PersonalDataProtector, whose `reveal` is authorised and recorded;
 * this class is what it, KEK rotation and the library's own tests build on.
 */

export interface EnvelopeOptions {
  keys: KeyStore;
  kek: KekRing;
  clock?: Clock;
}

const SUBJECT = /^[A-Za-z0-9_.:-]{1,128}$/;

/** AAD of a wrapped data key: binds it to its child and key id. */
export function dataKeyAad(subjectId: string, keyId: string): string {
  return `crm-pii-dek|v1|${subjectId}|${keyId}`;
}

function fieldAad(subjectId: string, keyId: string, path: string): Buffer {
  return Buffer.from(`crm-pii-field|v1|${subjectId}|${keyId}|${path}`, 'utf8');
}

export function assertSubject(subjectId: string): void {
  if (typeof subjectId !== 'string' || !SUBJECT.test(subjectId))
    throw new Error(`invalid subject id ${String(subjectId)}`);
}

/** The personal fields of `record` that hold ciphertext. */
export function encryptedPaths(record: unknown, personalFields: readonly string[]): string[] {
  return personalFields.filter((p) => isFieldCiphertext(getPath(record, p)));
}

/**
 * Envelope encryption of a child's personal data: one AES-256-GCM data key per child (subjectId), a fresh
 * 96-bit IV per field, AAD = (subject, key id, field path), the data key stored wrapped by the KEK.
 * Plaintext data keys live only for the duration of one call and are zero-filled afterwards.
 */
export class EnvelopeCipher {
  readonly clock: Clock;

  constructor(private readonly options: EnvelopeOptions) {
    this.clock = options.clock ?? systemClock;
  }

  get keys(): KeyStore {
    return this.options.keys;
  }

  /** A copy of `record` where each present personal field holds a FieldCiphertext. */
  async protect<T>(subjectId: string, record: T, personalFields: readonly string[]): Promise<T> {
    assertSubject(subjectId);
    const present = personalFields.filter(
      (p) => getPath(record, p) !== undefined && !isFieldCiphertext(getPath(record, p)),
    );
    if (present.length === 0) return structuredClone(record);
    const { keyId, dek } = await this.activeKey(subjectId);
    try {
      let out = record;
      for (const path of present) {
        const iv = randomBytes(12);
        const cipher = createCipheriv('aes-256-gcm', dek, iv);
        cipher.setAAD(fieldAad(subjectId, keyId, path));
        const ct = Buffer.concat([
          cipher.update(JSON.stringify(getPath(record, path)), 'utf8'),
          cipher.final(),
        ]);
        const value: FieldCiphertext = {
          v: 1,
          kid: keyId,
          iv: iv.toString('base64'),
          ct: ct.toString('base64'),
          tag: cipher.getAuthTag().toString('base64'),
        };
        out = withPath(out, path, value);
      }
      return out;
    } finally {
      dek.fill(0);
    }
  }

  /**
   * Looks up the child's key for the encrypted fields of `record`: null when none is encrypted; an absent
   * key for present ciphertext is an integrity error. Decrypts nothing.
   */
  async lookup(
    subjectId: string,
    record: unknown,
    personalFields: readonly string[],
  ): Promise<KeyLookup | null> {
    assertSubject(subjectId);
    const encrypted = encryptedPaths(record, personalFields);
    if (encrypted.length === 0) return null;
    const lookup = await this.options.keys.find(subjectId);
    if (lookup.state === 'absent')
      throw new PersonalDataIntegrityError(subjectId, encrypted[0], 'no data key for this subject');
    return lookup;
  }

  /**
   * NOT AUDITED. A copy of `record` with each encrypted personal field decrypted, or replaced by
   * `{ erased: true }` when the child's key was destroyed. Fields that are not ciphertext are unchanged.
   * `known` is a lookup already made by `lookup()` (the key is not read again).
   */
  async decrypt<T>(
    subjectId: string,
    record: T,
    personalFields: readonly string[],
    known?: KeyLookup | null,
  ): Promise<T> {
    const lookup = known === undefined ? await this.lookup(subjectId, record, personalFields) : known;
    if (lookup === null) return structuredClone(record);
    const encrypted = encryptedPaths(record, personalFields);
    let out = structuredClone(record);
    if (lookup.state !== 'active') {
      for (const path of encrypted) out = withPath(out, path, { ...ERASED });
      return out;
    }
    const dek = await this.unwrap(lookup.key);
    try {
      for (const path of encrypted) {
        const c = getPath(record, path) as FieldCiphertext;
        if (c.kid !== lookup.key.keyId) {
          out = withPath(out, path, { ...ERASED });
          continue;
        }
        try {
          const d = createDecipheriv('aes-256-gcm', dek, Buffer.from(c.iv, 'base64'));
          d.setAAD(fieldAad(subjectId, c.kid, path));
          d.setAuthTag(Buffer.from(c.tag, 'base64'));
          const plain = Buffer.concat([d.update(Buffer.from(c.ct, 'base64')), d.final()]);
          out = withPath(out, path, JSON.parse(plain.toString('utf8')));
          plain.fill(0);
        } catch (e) {
          throw new PersonalDataIntegrityError(subjectId, path, (e as Error).message);
        }
      }
      return out;
    } finally {
      dek.fill(0);
    }
  }

  /** Crypto-shredding without the erasure record: destroys the child's data key. */
  async destroyKey(subjectId: string): Promise<'erased' | 'already_erased'> {
    assertSubject(subjectId);
    return this.options.keys.erase(subjectId, this.clock());
  }

  private async activeKey(subjectId: string): Promise<{ keyId: string; dek: Buffer }> {
    let lookup = await this.options.keys.find(subjectId);
    if (lookup.state === 'absent') {
      const keyId = randomBytes(12).toString('base64url');
      const dek = randomBytes(32);
      const wrapped = await this.options.kek.current.wrap(dek, dataKeyAad(subjectId, keyId));
      dek.fill(0);
      lookup = await this.options.keys.createIfAbsent({
        subjectId,
        keyId,
        kekId: this.options.kek.current.kekId,
        wrappedKey: wrapped,
        createdAt: this.clock(),
      });
    }
    if (lookup.state === 'erased') throw new SubjectErasedError(subjectId);
    if (lookup.state !== 'active') throw new Error('unreachable');
    return { keyId: lookup.key.keyId, dek: await this.unwrap(lookup.key) };
  }

  private async unwrap(key: WrappedDataKey): Promise<Buffer> {
    return this.options.kek.get(key.kekId).unwrap(key.wrappedKey, dataKeyAad(key.subjectId, key.keyId));
  }
}
