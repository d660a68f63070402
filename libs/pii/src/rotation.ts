import type { KekRing } from './kek';
import type { KeyStore } from './key-store';
import { dataKeyAad } from './envelope';

/**
 * KEK rotation: re-wraps every active data key under `ring.current`, unwrapping with the previous KEKs in
 * the ring. Events and read models are not touched (their ciphertext is made with the data keys, which do
 * not change). Safe to re-run and to run while the services write (compare-and-set per key).
 */
export async function rotateKek(
  keys: KeyStore,
  ring: KekRing,
  options: { batchSize?: number } = {},
): Promise<{ rewrapped: number }> {
  const target = ring.current;
  let rewrapped = 0;
  for (;;) {
    const batch = await keys.listNotWrappedBy(target.kekId, options.batchSize ?? 100);
    if (batch.length === 0) return { rewrapped };
    for (const key of batch) {
      const aad = dataKeyAad(key.subjectId, key.keyId);
      const dek = await ring.get(key.kekId).unwrap(key.wrappedKey, aad);
      try {
        const wrapped = await target.wrap(dek, aad);
        if (await keys.rewrap(key.subjectId, key.kekId, target.kekId, wrapped)) rewrapped++;
      } finally {
        dek.fill(0);
      }
    }
  }
}
