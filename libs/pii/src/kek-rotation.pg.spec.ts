import { Pool } from 'pg';
import { createTestDatabase } from '@crm/testing';
import { KekRing, LocalKeyEncryptionKey } from './kek';
import { PostgresKeyStore } from './postgres-key-store';
import { EnvelopeCipher } from './envelope';
import { rotateKek } from './rotation';

describe('KEK rotation on PostgreSQL', () => {
  let db: { url: string; drop(): Promise<void> };
  let pool: Pool;

  beforeAll(async () => {
    db = await createTestDatabase('pii_rotate');
    pool = new Pool({ connectionString: db.url, max: 2 });
  });
  afterAll(async () => {
    await pool?.end();
    await db?.drop();
  });

  it('re-wraps all keys, leaves ciphertext as it was, and the old wrapped bytes leave the key table file', async () => {
    const keys = new PostgresKeyStore(pool);
    await keys.migrate();
    const oldKek = LocalKeyEncryptionKey.generate();
    const before = new EnvelopeCipher({ keys, kek: new KekRing(oldKek) });
    const subjects = ['k1', 'k2', 'k3'];
    const records = await Promise.all(
      subjects.map((s) => before.protect(s, { name: `Nombre ${s}` }, ['name'])),
    );
    const oldWrapped = (await keys.listNotWrappedBy('none', 10)).map((k) => k.wrappedKey);
    expect(oldWrapped).toHaveLength(3);

    const newKek = LocalKeyEncryptionKey.generate();
    expect(await rotateKek(keys, new KekRing(newKek, [oldKek]), { batchSize: 2 })).toEqual({ rewrapped: 3 });
    await keys.purgeDeadKeyMaterial();
    const kekIds = await pool.query('SELECT DISTINCT kek_id FROM pii.data_keys');
    expect(kekIds.rows).toEqual([{ kek_id: newKek.kekId }]);

    await pool.query('CHECKPOINT');
    const file = (
      await pool.query<{ f: Buffer }>(
        "SELECT pg_read_binary_file(pg_relation_filepath('pii.data_keys')) AS f",
      )
    ).rows[0].f;
    for (const w of oldWrapped) expect(file.includes(w)).toBe(false);

    const after = new EnvelopeCipher({ keys, kek: new KekRing(newKek) });
    for (const [i, s] of subjects.entries())
      expect((await after.decrypt(s, records[i], ['name'])).name).toBe(`Nombre ${s}`);
  });
});
