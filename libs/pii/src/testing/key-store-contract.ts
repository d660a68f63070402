import { randomBytes } from 'node:crypto';
import type { KeyStore, WrappedDataKey } from '../key-store';

function key(subjectId: string, kekId = 'kek-a'): WrappedDataKey {
  return {
    subjectId,
    keyId: randomBytes(8).toString('hex'),
    kekId,
    wrappedKey: randomBytes(60),
    createdAt: new Date('2026-01-01T00:00:00Z'),
  };
}

/** The one contract every KeyStore adapter must pass. `make` returns a fresh, empty store. */
export function describeKeyStoreContract(name: string, make: () => Promise<KeyStore>): void {
  describe(`KeyStore contract: ${name}`, () => {
    let store: KeyStore;
    beforeEach(async () => {
      store = await make();
    });
    afterEach(async () => {
      await store.close();
    });

    it('reports an unknown subject as absent', async () => {
      expect(await store.find('child-unknown')).toEqual({ state: 'absent' });
    });

    it('stores a wrapped key and returns it byte for byte', async () => {
      const k = key('child-1');
      const stored = await store.createIfAbsent(k);
      expect(stored).toEqual({ state: 'active', key: k });
      expect(await store.find('child-1')).toEqual({ state: 'active', key: k });
    });

    it('keeps the first key when two are created for the same subject (first writer wins)', async () => {
      const first = key('child-2');
      const second = key('child-2');
      await store.createIfAbsent(first);
      const after = await store.createIfAbsent(second);
      expect(after).toEqual({ state: 'active', key: first });
    });

    it('concurrent creations agree on one key', async () => {
      const candidates = [key('child-3'), key('child-3'), key('child-3')];
      const results = await Promise.all(candidates.map((c) => store.createIfAbsent(c)));
      const ids = new Set(results.map((r) => (r.state === 'active' ? r.key.keyId : 'x')));
      expect(ids.size).toBe(1);
    });

    it('erases: the key material is gone, a tombstone remains, erasing again is harmless', async () => {
      const k = key('child-4');
      await store.createIfAbsent(k);
      const at = new Date('2026-02-01T10:00:00Z');
      expect(await store.erase('child-4', at)).toBe('erased');
      const found = await store.find('child-4');
      expect(found).toEqual({ state: 'erased', keyId: k.keyId, erasedAt: at });
      expect(JSON.stringify(found)).not.toContain(k.wrappedKey.toString('hex'));
      expect(await store.erase('child-4', new Date())).toBe('already_erased');
    });

    it('never gives an erased subject a new key', async () => {
      await store.erase('child-5', new Date('2026-02-01T10:00:00Z'));
      const after = await store.createIfAbsent(key('child-5'));
      expect(after.state).toBe('erased');
    });

    it('lists keys wrapped by other KEKs and re-wraps them with compare-and-set', async () => {
      await store.createIfAbsent(key('child-b', 'kek-old'));
      await store.createIfAbsent(key('child-a', 'kek-old'));
      await store.createIfAbsent(key('child-c', 'kek-new'));
      await store.createIfAbsent(key('child-d', 'kek-old'));
      await store.erase('child-d', new Date());
      const listed = await store.listNotWrappedBy('kek-new', 10);
      expect(listed.map((k) => k.subjectId)).toEqual(['child-a', 'child-b']);
      expect(await store.listNotWrappedBy('kek-new', 1)).toHaveLength(1);
      const fresh = randomBytes(60);
      expect(await store.rewrap('child-a', 'kek-old', 'kek-new', fresh)).toBe(true);
      expect(await store.rewrap('child-a', 'kek-old', 'kek-new', randomBytes(60))).toBe(false);
      expect(await store.rewrap('child-d', 'kek-old', 'kek-new', randomBytes(60))).toBe(false);
      const a = await store.find('child-a');
      expect(a.state === 'active' && a.key.kekId === 'kek-new' && a.key.wrappedKey.equals(fresh)).toBe(true);
      expect((await store.listNotWrappedBy('kek-new', 10)).map((k) => k.subjectId)).toEqual(['child-b']);
    });
  });
}
