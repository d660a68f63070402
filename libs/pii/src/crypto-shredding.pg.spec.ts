/**
 * Crypto-shredding on a real PostgreSQL, through the real stores: a child's record is protected and appended
 * to a case stream of the PostgresEventStore (its own schema and migrations, hash-chained), projected by the
 * ProjectionRunner into a TypeORM-managed read-model table; a view is revealed and the child erased through
 * PersonalDataProtector (both recorded in the same store); then no plaintext value and no key material can be
 * found in the events table, the key table or the read model (rows as text and the raw table files on disk),
 * reveal answers "erased", and the history read back through the store still verifies.
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { Column, DataSource, Entity, PrimaryColumn } from 'typeorm';
import { verifyStream, type NewEvent } from '@crm/event-store';
import { PostgresEventStore } from '@crm/event-store-postgres';
import type { CountryCode } from '@crm/kernel';
import { ProjectionRunner, type Projection } from '@crm/projection';
import { createTestDatabase } from '@crm/testing';
import type { Principal } from '@crm/auth';
import { dataKeyAad } from './envelope';
import { KekRing, LocalKeyEncryptionKey } from './kek';
import { definePersonalData } from './personal-fields';
import { PostgresKeyStore } from './postgres-key-store';
import { PersonalDataProtector } from './protector';

const CASE_OPENED = definePersonalData('ShreddingTestCaseOpened', [
  'child.name',
  'child.dateOfBirth',
  'child.photo',
  'family.contacts',
  'notes',
]);

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

const WORKER = {
  subject: 'dev|sv.protection_case_worker',
  country: 'SV',
  institution: 'SV/CONNA',
  roles: ['protection_case_worker'],
} as Principal;
const VIEW = {
  principal: WORKER,
  caseId: record.caseId,
  purpose: 'Verificar la identidad antes de la entrevista',
  caseCountry: 'SV' as CountryCode,
};

/** The test's read model: a real TypeORM entity, table `read.shredding_cases`. */
@Entity({ schema: 'read', name: 'shredding_cases' })
class ShreddingCaseRow {
  @PrimaryColumn({ name: 'case_id', type: 'text' })
  caseId!: string;

  @Column({ type: 'text' })
  country!: string;

  @Column({ type: 'jsonb' })
  child!: unknown;

  @Column({ type: 'jsonb', nullable: true })
  family!: unknown;

  @Column({ type: 'jsonb', nullable: true })
  notes!: unknown;
}

const READ_MODEL = 'read.shredding_cases';
const EVENTS = 'event_store.events';
const TABLES = ['pii.data_keys', EVENTS, READ_MODEL];

const shreddingProjection: Projection = {
  name: 'shredding-test-cases',
  filter: { categories: ['case'] },
  tables: [READ_MODEL],
  async handle(event, manager) {
    const rows = manager.getRepository(ShreddingCaseRow);
    const data = event.data as typeof record;
    if (event.type === 'ShreddingTestCaseOpened') {
      await rows.save({
        caseId: data.caseId,
        country: data.country,
        child: data.child,
        family: data.family,
        notes: data.notes,
      });
    } else if (event.type === 'ShreddingTestCaseNoted') {
      await rows.update({ caseId: record.caseId }, { notes: data.notes });
    }
  },
};

describe('crypto-shredding (PostgreSQL event store, TypeORM read model)', () => {
  let db: { url: string; drop(): Promise<void> };
  let pool: Pool;
  let store: PostgresEventStore;
  let control: PostgresEventStore;
  let readModels: DataSource;
  let keys: PostgresKeyStore;
  let kek: LocalKeyEncryptionKey;
  let protector: PersonalDataProtector;

  beforeAll(async () => {
    db = await createTestDatabase('pii_shred');
    pool = new Pool({ connectionString: db.url, max: 3 });
    keys = new PostgresKeyStore(pool);
    await keys.migrate();
    store = await PostgresEventStore.connect({ url: db.url, poolSize: 3, pollIntervalMs: 50 });
    control = await PostgresEventStore.connect({ url: db.url, schema: 'control_store', poolSize: 2 });
    readModels = new DataSource({
      type: 'postgres',
      url: db.url,
      entities: [ShreddingCaseRow],
      synchronize: false,
      logging: false,
      extra: { max: 3 },
    });
    await readModels.initialize();
    await readModels.query('CREATE SCHEMA IF NOT EXISTS read');
    await readModels.synchronize();
    kek = LocalKeyEncryptionKey.generate();
    protector = new PersonalDataProtector({ keys, kek: new KekRing(kek), accessLog: store });
  });

  afterAll(async () => {
    await readModels?.destroy();
    await control?.close();
    await store?.close();
    await pool?.end();
    await db?.drop();
  });

  /** The table's main file and, if it has one, its TOAST table's file, after a checkpoint. */
  async function rawFile(table: string): Promise<Buffer> {
    await pool.query('CHECKPOINT');
    const r = await pool.query<{ f: Buffer; t: Buffer | null }>(
      `SELECT pg_read_binary_file(pg_relation_filepath(c.oid)) AS f,
              CASE WHEN c.reltoastrelid <> 0 THEN pg_read_binary_file(pg_relation_filepath(c.reltoastrelid)) END AS t
         FROM pg_class c WHERE c.oid = $1::regclass`,
      [table],
    );
    return Buffer.concat([r.rows[0].f, r.rows[0].t ?? Buffer.alloc(0)]);
  }

  async function rowsAsText(table: string, where = 'true', params: unknown[] = []): Promise<string> {
    const r = await pool.query<{ t: string }>(`SELECT t::text AS t FROM ${table} t WHERE ${where}`, params);
    return r.rows.map((x) => x.t).join('\n');
  }

  async function countLike(table: string, needle: string): Promise<number> {
    const r = await pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM ${table} t WHERE t::text LIKE '%' || $1 || '%'`,
      [needle],
    );
    return Number(r.rows[0].n);
  }

  it('leaves no recoverable byte of the child after erasure, and history still verifies', async () => {
    const subjectId = 'child-sv-42';
    const stream = `case-${record.caseId}`;
    const protectedRecord = await protector.protect(subjectId, record, CASE_OPENED.paths);

    // two events in a hash-chained stream of the real store, projected into the TypeORM read model
    const actor = { subject: WORKER.subject, role: 'protection_case_worker', country: 'SV' as const };
    const news: NewEvent[] = [
      {
        eventId: randomUUID(),
        type: 'ShreddingTestCaseOpened',
        schemaVersion: 1,
        data: protectedRecord,
        occurredAt: '2026-04-01T10:00:00Z',
        actor,
        countries: ['SV'],
        correlationId: 'c1',
      },
      {
        eventId: randomUUID(),
        type: 'ShreddingTestCaseNoted',
        schemaVersion: 1,
        data: { notes: protectedRecord.notes },
        occurredAt: '2026-04-02T10:00:00Z',
        actor,
        countries: ['SV'],
        correlationId: 'c1',
      },
    ];
    const appended = await store.appendToStream(stream, news, { expectedRevision: 'no_stream' });
    const runner = new ProjectionRunner({
      store,
      dataSource: readModels,
      projection: shreddingProjection,
      log: () => undefined,
    });
    await runner.start();
    await runner.waitFor(appended.position);
    await runner.stop();
    const caseRows = () => rowsAsText(EVENTS, 't.stream_name = $1 ORDER BY t.revision', [stream]);
    const eventsBefore = await caseRows();
    expect(await readModels.getRepository(ShreddingCaseRow).count()).toBe(1);

    // --- positive controls: the searches below can find what they look for -------------------------
    const active = await keys.find(subjectId);
    if (active.state !== 'active') throw new Error('expected an active key');
    const wrapped = active.key.wrappedKey;
    const dek = await kek.unwrap(wrapped, dataKeyAad(subjectId, active.key.keyId));
    expect((await rawFile('pii.data_keys')).includes(wrapped)).toBe(true);
    expect((await protector.reveal(VIEW, subjectId, protectedRecord, CASE_OPENED.paths)).child.name).toBe(
      PLAINTEXT.name,
    );
    await pool.query('CREATE TABLE careless_control (v text)');
    await pool.query('INSERT INTO careless_control VALUES ($1)', [PLAINTEXT.name]);
    expect(await countLike('careless_control', PLAINTEXT.name)).toBe(1);
    expect((await rawFile('careless_control')).includes(Buffer.from(PLAINTEXT.name, 'utf8'))).toBe(true);
    // a careless plaintext event in an events table of the same layout (another store schema) is found too
    await control.appendToStream('case-control', [{ ...news[0], eventId: randomUUID(), data: record }], {
      expectedRevision: 'no_stream',
    });
    expect(await countLike('control_store.events', PLAINTEXT.name)).toBe(1);
    expect((await rawFile('control_store.events')).includes(Buffer.from(PLAINTEXT.notes, 'utf8'))).toBe(true);

    // plaintext was never stored, even before erasure
    for (const value of Object.values(PLAINTEXT)) {
      for (const table of TABLES) expect(await countLike(table, value)).toBe(0);
    }

    // --- erase ------------------------------------------------------------------------------------
    const erasure = {
      principal: WORKER,
      subjectId,
      reason: 'Solicitud de supresión SUP-SV-2026-11',
      caseCountry: 'SV' as CountryCode,
    };
    expect(await protector.erase(erasure)).toBe('erased');
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
    const tombstone = await pool.query(
      'SELECT wrapped_key, kek_id, erased_at FROM pii.data_keys WHERE subject_id = $1',
      [subjectId],
    );
    expect(tombstone.rows).toEqual([{ wrapped_key: null, kek_id: null, erased_at: expect.any(Date) }]);

    // even holding the KEK and every row, nothing decrypts: reveal says erased everywhere
    const fromStore = await store.readStream(stream);
    const revealedEvent = await protector.reveal(VIEW, subjectId, fromStore[0].data, CASE_OPENED.paths);
    expect(revealedEvent).toMatchObject({
      caseId: 'SV-2026-0042',
      child: { name: { erased: true }, dateOfBirth: { erased: true }, sex: 'M' },
      notes: { erased: true },
    });
    const rm = await readModels.getRepository(ShreddingCaseRow).findOneByOrFail({ caseId: record.caseId });
    const revealedRm = await protector.reveal(VIEW, subjectId, rm, [
      'child.name',
      'child.dateOfBirth',
      'child.photo',
      'family.contacts',
      'notes',
    ]);
    expect((revealedRm.child as { name: unknown }).name).toEqual({ erased: true });
    expect((revealedRm.family as { contacts: unknown }).contacts).toEqual({ erased: true });

    // history untouched: same rows, hash chain of the history read back through the store verifies
    expect(await caseRows()).toBe(eventsBefore);
    expect(verifyStream(fromStore)).toEqual({ ok: true, checked: 2 });

    // every view and the erasure are recorded in the same store, hash-chained, without personal data
    const views = await store.readStream(`piiAccess-${record.caseId}`);
    expect(views.map((e) => [e.type, (e.data as { outcome: string }).outcome])).toEqual([
      ['PersonalDataViewed', 'revealed'],
      ['PersonalDataViewed', 'erased'],
      ['PersonalDataViewed', 'erased'],
    ]);
    expect(verifyStream(views)).toEqual({ ok: true, checked: 3 });
    const erased = await store.readStream(`piiErasure-${subjectId}`);
    expect(erased.map((e) => e.type)).toEqual(['PersonalDataErased']);
    expect(erased[0].data).toMatchObject({
      subjectId,
      reason: erasure.reason,
      erasedBy: { subject: WORKER.subject, country: 'SV' },
    });
    expect(verifyStream(erased)).toEqual({ ok: true, checked: 1 });
    dek.fill(0);
  });
});
