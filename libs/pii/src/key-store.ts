/** A child's data key, wrapped by a KEK. Never holds the plaintext key. */
export interface WrappedDataKey {
  subjectId: string;
  /** Random id of this data key (the `kid` of every ciphertext made with it). */
  keyId: string;
  kekId: string;
  wrappedKey: Buffer;
  createdAt: Date;
}

export type KeyLookup =
  | { state: 'active'; key: WrappedDataKey }
  | { state: 'erased'; keyId: string | null; erasedAt: Date }
  | { state: 'absent' };

/**
 * Port: where wrapped data keys live (apart from events). Adapters: postgres (`pii.data_keys`), memory.
 * Erasure is final: an erased subject keeps a tombstone (no key material) and never gets a new key.
 */
export interface KeyStore {
  find(subjectId: string): Promise<KeyLookup>;
  /** Stores `key` unless the subject already has a row (active or erased); returns what is stored afterwards. */
  createIfAbsent(key: WrappedDataKey): Promise<KeyLookup>;
  /** Destroys the subject's key material and leaves a tombstone. Idempotent. */
  erase(subjectId: string, at: Date): Promise<'erased' | 'already_erased'>;
  /** Active keys whose wrapping KEK is not `kekId` (for KEK rotation), at most `limit`, in subject order. */
  listNotWrappedBy(kekId: string, limit: number): Promise<WrappedDataKey[]>;
  /** Compare-and-set re-wrapping: succeeds only if the key is active and still wrapped by `expectedKekId`. */
  rewrap(subjectId: string, expectedKekId: string, newKekId: string, newWrappedKey: Buffer): Promise<boolean>;
  close(): Promise<void>;
}
