/**
 * Crypto-shredding on a real PostgreSQL: a child's record is protected, its ciphertext stored in an events
 * table (hash-chained with the event store's own sealEvents) and in a read-model table; the child is erased;
 * then no plaintext value and no key material can be found in the tables (rows as text and the raw table
 * files on disk), reveal answers "erased", and the hash chain still verifies.
 */
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { GENESIS_HASH, sealEvents, verifyStream, type RecordedEvent } from '@crm/event-store';
import { createTestDatabase } from '@crm/testing';
import { KekRing, LocalKeyEncryptionKey } from './kek';
import { definePersonalData } from './personal-fields';
import { PostgresKeyStore } from './postgres-key-store';
import { dataKeyAad, PersonalDataProtector } from './protector';

const CASE_OPENED = definePersonalData('ShreddingTestCaseOpened', ['child.name', 'child.dateOfBirth', 'child.photo', 'family.contacts', 'notes']);

const PLAINTEXT = {
  name: 'Josué Andrés Villatoro',
  dateOfBirth: '2013-11-21',
  photo: 'data:image/jpeg;base64,L9j4AAQSkZJRgABAQEASABIAAD',
  contact: '+503 7777 6543',
  notes: 'Separado de su tía en Tapachula',
};

const record = {
  caseId: 'SV-2026-0042',
  country: 'SV',
  child: { name: PLAINTEXT.name, dateOfBirth: PLAINTEXT.dateOfBirth, photo: PLAINTEXT.photo, sex: 'M' },
  family: { contacts: [{ relation: 'tía', phone: PLAINTEXT.contact }] },
  notes: PLAINTEXT.notes,
};

const TABLES = ['pii.data_keys', 'public.events', 'public.case_read_model'];

describe('crypto-shredding (PostgreSQL)', () => {
  let db: { url: string; drop(): Promise<void> };
  let pool: Pool;
  let keys: PostgresKeyStore;
  let kek: LocalKeyEncryptionKey;
  let protector: PersonalDataProtector;

  beforeAll(async () => {
    db = await createTestDatabase('pii_shred');
    pool = new Pool({ connectionString: db.url, max: 3 });
    keys = new PostgresKeyStore(pool);
    await keys.migrate();
    await pool.query(`CREATE TABLE events (stream text NOT NULL, revision int NOT NULL, type text NOT NULL, data jsonb NOT NULL, metadata jsonb NOT NULL, PRIMARY KEY (stream, revision))`);
    await pool.query(`CREATE TABLE case_read_model (case_id text PRIMARY KEY, country text NOT NULL, child jsonb NOT NULL, family jsonb, notes jsonb)`);
    kek = LocalKeyEncryptionKey.generate();
    protector = new PersonalDataProtector({ keys, kek: new KekRing(kek) });
  });

  afterAll(async () => {
    await pool?.end();
    await db?.drop();
  });

  async function rawFile(table: string): Promise<Buffer> {
    await pool.query('CHECKPOINT');
    const r = await pool.query<{ f: Buffer }>('SELECT pg_read_binary_file(pg_relation_filepath($1::regclass)) AS f', [table]);
    return r.rows[0].f;
  }

  async function rowsAsText(table: string): Promise<string> {
    const r = await pool.query<{ t: string }>(`SELECT t::text AS t FROM ${table} t`);
    return r.rows.map((x) => x.t).join('\n');
  }

  async function countLike(table: string, needle: string): Promise<number> {
    const r = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${table} t WHERE t::text LIKE '%' || $1 || '%'`, [needle]);
    return Number(r.rows[0].n);
  }

  async function storedEvents(stream: string): Promise<RecordedEvent[]> {
    const r = await pool.query('SELECT * FROM events WHERE stream = $1 ORDER BY revision', [stream]);
    return r.rows.map((row, i) => ({ streamName: row.stream, revision: row.revision, position: BigInt(i + 1), type: row.type, data: row.data, metadata: row.metadata }));
  }

  it('leaves no recoverable byte of the child after erasure, and history still verifies', async () => {
    const subjectId = 'child-sv-42';
    const stream = `case-${record.caseId}`;
    const protectedRecord = await protector.protect(subjectId, record, CASE_OPENED.paths);

    // two events in a hash-chained stream, sealed exactly as every event-store adapter does
    const actor = { subject: 'dev|sv.protection_case_worker', role: 'protection_case_worker', country: 'SV' as const };
    const news = [
      { eventId: randomUUID(), type: 'ShreddingTestCaseOpened', schemaVersion: 1, data: protectedRecord, occurredAt: '2026-04-01T10:00:00Z', actor, countries: ['SV' as const], correlationId: 'c1' },
      { eventId: randomUUID(), type: 'ShreddingTestCaseNoted', schemaVersion: 1, data: { notes: protectedRecord.notes }, occurredAt: '2026-04-02T10:00:00Z', actor, countries: ['SV' as const], correlationId: 'c1' },
    ];
    const sealed = sealEvents(stream, news, 0, GENESIS_HASH, new Date('2026-04-02T10:00:01Z'));
    for (const s of sealed) {
      await pool.query('INSERT INTO events VALUES ($1, $2, $3, $4, $5)', [stream, s.revision, s.metadata.type, JSON.stringify(s.data), JSON.stringify(s.metadata)]);
    }
    await pool.query('INSERT INTO case_read_model VALUES ($1, $2, $3, $4, $5)', [
      record.caseId, 'SV', JSON.stringify(protectedRecord.child), JSON.stringify(protectedRecord.family), JSON.stringify(protectedRecord.notes),
    ]);
    const eventsBefore = await rowsAsText('events');

    // --- positive controls: the searches below can find what they look for -------------------------
    const active = await keys.find(subjectId);
    if (active.state !== 'active') throw new Error('expected an active key');
    const wrapped = active.key.wrappedKey;
    const dek = await kek.unwrap(wrapped, dataKeyAad(subjectId, active.key.keyId));
    expect((await rawFile('pii.data_keys')).includes(wrapped)).toBe(true);
    expect((await protector.reveal(subjectId, protectedRecord, CASE_OPENED.paths)).child.name).toBe(PLAINTEXT.name);
    await pool.query('CREATE TABLE careless_control (v text)');
    await pool.query('INSERT INTO careless_control VALUES ($1)', [PLAINTEXT.name]);
    expect(await countLike('careless_control', PLAINTEXT.name)).toBe(1);
    expect((await rawFile('careless_control')).includes(Buffer.from(PLAINTEXT.name, 'utf8'))).toBe(true);

    // plaintext was never stored, even before erasure
    for (const value of Object.values(PLAINTEXT)) {
      for (const table of TABLES) expect(await countLike(table, value)).toBe(0);
    }

    // --- erase ------------------------------------------------------------------------------------
    expect(await protector.erase(subjectId)).toBe('erased');
    // Without this the old row version (zeros overwrite and delete are MVCC, not in-place) still holds the
    // wrapped key in the table file: see docs/security.md, "Limits".
    await keys.purgeDeadKeyMaterial();

    // no plaintext value and no key material, neither in rows nor in the raw table files
    for (const table of TABLES) {
      const text = await rowsAsText(table);
      const file = await rawFile(table);
      for (const value of Object.values(PLAINTEXT)) {
        expect(await countLike(table, value)).toBe(0);
        expect(text).not.toContain(value);
        expect(file.includes(Buffer.from(value, 'utf8'))).toBe(false);
      }
      expect(file.includes(wrapped)).toBe(false);
      expect(file.includes(dek)).toBe(false);
      expect(text).not.toContain(wrapped.toString('hex'));
    }
    const tombstone = await pool.query('SELECT wrapped_key, kek_id, erased_at FROM pii.data_keys WHERE subject_id = $1', [subjectId]);
    expect(tombstone.rows).toEqual([{ wrapped_key: null, kek_id: null, erased_at: expect.any(Date) }]);

    // even holding the KEK and every row, nothing decrypts: reveal says erased everywhere
    const fromEvents = await storedEvents(stream);
    const revealedEvent = await protector.reveal(subjectId, fromEvents[0].data, CASE_OPENED.paths);
    expect(revealedEvent).toMatchObject({ caseId: 'SV-2026-0042', child: { name: { erased: true }, dateOfBirth: { erased: true }, sex: 'M' }, notes: { erased: true } });
    const rm = (await pool.query('SELECT child, family, notes FROM case_read_model')).rows[0];
    const revealedRm = await protector.reveal(subjectId, rm, ['child.name', 'child.dateOfBirth', 'child.photo', 'family.contacts', 'notes']);
    expect(revealedRm.child.name).toEqual({ erased: true });
    expect(revealedRm.family.contacts).toEqual({ erased: true });

    // history untouched: same rows, hash chain verifies
    expect(await rowsAsText('events')).toBe(eventsBefore);
    expect(verifyStream(fromEvents)).toEqual({ ok: true, checked: 2 });
    dek.fill(0);
  });
});
