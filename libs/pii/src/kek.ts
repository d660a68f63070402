import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { KekUnavailableError } from './errors';

/**
 * A key-encryption key (KEK): wraps and unwraps data keys. The local implementation holds a 32-byte key;
 * a cloud KMS implementation calls the KMS (the KEK never leaves it). `aad` binds the wrapped key to its
 * subject so a wrapped key cannot be moved to another child's row.
 */
export interface KeyEncryptionKeyProvider {
  readonly kekId: string;
  wrap(dataKey: Buffer, aad: string): Promise<Buffer>;
  unwrap(wrapped: Buffer, aad: string): Promise<Buffer>;
}

const IV = 12;
const TAG = 16;

/** AES-256-GCM key wrapping with a local 32-byte KEK: output = iv(12) | tag(16) | ciphertext. */
export class LocalKeyEncryptionKey implements KeyEncryptionKeyProvider {
  readonly kekId: string;
  private readonly key: Buffer;

  constructor(key: Buffer) {
    if (key.length !== 32) throw new Error('a local KEK must be 32 bytes');
    this.key = Buffer.from(key);
    this.kekId = `local:${createHash('sha256').update('crm-pii-kek-id').update(key).digest('hex').slice(0, 16)}`;
  }

  static generate(): LocalKeyEncryptionKey {
    return new LocalKeyEncryptionKey(randomBytes(32));
  }

  async wrap(dataKey: Buffer, aad: string): Promise<Buffer> {
    const iv = randomBytes(IV);
    const c = createCipheriv('aes-256-gcm', this.key, iv);
    c.setAAD(Buffer.from(`${this.kekId}|${aad}`, 'utf8'));
    const ct = Buffer.concat([c.update(dataKey), c.final()]);
    return Buffer.concat([iv, c.getAuthTag(), ct]);
  }

  async unwrap(wrapped: Buffer, aad: string): Promise<Buffer> {
    const d = createDecipheriv('aes-256-gcm', this.key, wrapped.subarray(0, IV));
    d.setAAD(Buffer.from(`${this.kekId}|${aad}`, 'utf8'));
    d.setAuthTag(wrapped.subarray(IV, IV + TAG));
    return Buffer.concat([d.update(wrapped.subarray(IV + TAG)), d.final()]);
  }

  /** Overwrites the key bytes held by this object (call when retiring a KEK). */
  destroy(): void {
    this.key.fill(0);
  }
}

/** The current KEK (wraps new keys) and previous ones (unwrap only, during a rotation). */
export class KekRing {
  private readonly byId = new Map<string, KeyEncryptionKeyProvider>();

  constructor(
    readonly current: KeyEncryptionKeyProvider,
    previous: KeyEncryptionKeyProvider[] = [],
  ) {
    for (const k of [current, ...previous]) this.byId.set(k.kekId, k);
  }

  get(kekId: string): KeyEncryptionKeyProvider {
    const k = this.byId.get(kekId);
    if (!k) throw new KekUnavailableError(kekId);
    return k;
  }

  ids(): string[] {
    return [...this.byId.keys()];
  }
}
