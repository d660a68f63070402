import { KekRing, LocalKeyEncryptionKey } from './kek';
import { MemoryKeyStore } from './memory-key-store';
import { EnvelopeCipher } from './envelope';
import { rotateKek } from './rotation';

describe('KEK rotation', () => {
  it('re-wraps every data key under the new KEK; ciphertext made before still reveals; the old KEK can be retired', async () => {
    const keys = new MemoryKeyStore();
    const oldKek = LocalKeyEncryptionKey.generate();
    const before = new EnvelopeCipher({ keys, kek: new KekRing(oldKek) });
    const records = await Promise.all(
      ['c1', 'c2', 'c3', 'c4', 'c5'].map(async (id) => ({
        id,
        protected: await before.protect(id, { name: `Niña ${id}` }, ['name']),
      })),
    );
    await before.destroyKey('c3');
    const snapshot = JSON.stringify(records);

    const newKek = LocalKeyEncryptionKey.generate();
    const result = await rotateKek(keys, new KekRing(newKek, [oldKek]), { batchSize: 2 });
    expect(result).toEqual({ rewrapped: 4 });
    expect(await keys.listNotWrappedBy(newKek.kekId, 10)).toEqual([]);
    expect(await rotateKek(keys, new KekRing(newKek, [oldKek]))).toEqual({ rewrapped: 0 });

    // events untouched; the new KEK alone now reveals everything
    expect(JSON.stringify(records)).toBe(snapshot);
    const after = new EnvelopeCipher({ keys, kek: new KekRing(newKek) });
    for (const r of records) {
      const revealed = await after.decrypt(r.id, r.protected, ['name']);
      expect(revealed.name).toEqual(r.id === 'c3' ? { erased: true } : `Niña ${r.id}`);
    }
    // and the old KEK alone no longer can
    const stale = new EnvelopeCipher({ keys, kek: new KekRing(oldKek) });
    await expect(stale.decrypt('c1', records[0].protected, ['name'])).rejects.toMatchObject({
      code: 'pii.kek_unavailable',
    });
  });

  it('stops with a clear error when an old KEK is missing from the ring', async () => {
    const keys = new MemoryKeyStore();
    await new EnvelopeCipher({ keys, kek: new KekRing(LocalKeyEncryptionKey.generate()) }).protect(
      'c1',
      { name: 'x' },
      ['name'],
    );
    await expect(rotateKek(keys, new KekRing(LocalKeyEncryptionKey.generate()))).rejects.toMatchObject({
      code: 'pii.kek_unavailable',
    });
  });
});
