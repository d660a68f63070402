import type { KeyLookup, KeyStore, WrappedDataKey } from './key-store';

type Row = { kind: 'active'; key: WrappedDataKey } | { kind: 'erased'; keyId: string | null; erasedAt: Date };

/** In-memory KeyStore for unit tests. */
export class MemoryKeyStore implements KeyStore {
  private readonly rows = new Map<string, Row>();

  async find(subjectId: string): Promise<KeyLookup> {
    const row = this.rows.get(subjectId);
    if (!row) return { state: 'absent' };
    if (row.kind === 'erased') return { state: 'erased', keyId: row.keyId, erasedAt: new Date(row.erasedAt) };
    return { state: 'active', key: copy(row.key) };
  }

  async createIfAbsent(key: WrappedDataKey): Promise<KeyLookup> {
    if (!this.rows.has(key.subjectId)) this.rows.set(key.subjectId, { kind: 'active', key: copy(key) });
    return this.find(key.subjectId);
  }

  async erase(subjectId: string, at: Date): Promise<'erased' | 'already_erased'> {
    const row = this.rows.get(subjectId);
    if (row?.kind === 'erased') return 'already_erased';
    if (row) row.key.wrappedKey.fill(0);
    this.rows.set(subjectId, { kind: 'erased', keyId: row?.key.keyId ?? null, erasedAt: new Date(at) });
    return 'erased';
  }

  async listNotWrappedBy(kekId: string, limit: number): Promise<WrappedDataKey[]> {
    return [...this.rows.values()]
      .flatMap((r) => (r.kind === 'active' && r.key.kekId !== kekId ? [copy(r.key)] : []))
      .sort((a, b) => (a.subjectId < b.subjectId ? -1 : a.subjectId > b.subjectId ? 1 : 0))
      .slice(0, limit);
  }

  async rewrap(
    subjectId: string,
    expectedKekId: string,
    newKekId: string,
    newWrappedKey: Buffer,
  ): Promise<boolean> {
    const row = this.rows.get(subjectId);
    if (row?.kind !== 'active' || row.key.kekId !== expectedKekId) return false;
    row.key.wrappedKey.fill(0);
    row.key = { ...row.key, kekId: newKekId, wrappedKey: Buffer.from(newWrappedKey) };
    return true;
  }

  async close(): Promise<void> {}
}

function copy(k: WrappedDataKey): WrappedDataKey {
  return { ...k, wrappedKey: Buffer.from(k.wrappedKey), createdAt: new Date(k.createdAt) };
}
