/**
 * The access log on the real PostgreSQL event store: a view is in `event_store.events` before reveal returns,
 * and a failing append (here a database trigger refusing access-log rows) refuses the view and decrypts nothing.
 */
import { verifyStream } from '@crm/event-store';
import { PostgresEventStore } from '@crm/event-store-postgres';
import { createTestDatabase } from '@crm/testing';
import { AccessLogUnavailableError } from './errors';
import { KekRing, LocalKeyEncryptionKey } from './kek';
import { MemoryKeyStore } from './memory-key-store';
import { PersonalDataProtector } from './protector';
import { HN_CASE_WORKER, viewOf } from './testing/principals';

const FIELDS = ['child.name'];

describe('access log of personal data (PostgresEventStore)', () => {
  let db: { url: string; drop(): Promise<void> };
  let store: PostgresEventStore;

  beforeAll(async () => {
    db = await createTestDatabase('pii_access');
    store = await PostgresEventStore.connect({ url: db.url, poolSize: 3 });
  });
  afterAll(async () => {
    await store?.close();
    await db?.drop();
  });

  it('records each view in the store before returning plaintext, and refuses when the append fails', async () => {
    const kek = LocalKeyEncryptionKey.generate();
    const protector = new PersonalDataProtector({
      keys: new MemoryKeyStore(),
      kek: new KekRing(kek),
      accessLog: store,
    });
    const p = await protector.protect('child-hn-1', { child: { name: 'Kevin Josué Banegas' } }, FIELDS);
    const unwrap = jest.spyOn(kek, 'unwrap');

    const revealed = await protector.reveal(viewOf('HN-2026-0007'), 'child-hn-1', p, FIELDS);
    expect(revealed.child.name).toBe('Kevin Josué Banegas');
    const rows = await store.dataSource.query(
      `SELECT type, data, countries FROM event_store.events WHERE stream_name = 'piiAccess-HN-2026-0007'`,
    );
    expect(rows).toEqual([
      {
        type: 'PersonalDataViewed',
        countries: ['HN'],
        data: expect.objectContaining({
          caseId: 'HN-2026-0007',
          subjectId: 'child-hn-1',
          purpose: 'Seguimiento del caso',
          outcome: 'revealed',
          viewer: expect.objectContaining({ subject: HN_CASE_WORKER.subject }),
        }),
      },
    ]);
    expect(JSON.stringify(rows)).not.toContain('Kevin');

    await store.dataSource.query(
      `CREATE FUNCTION refuse_access_log() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'access log refused'; END $$`,
    );
    await store.dataSource.query(
      `CREATE TRIGGER refuse_access_log BEFORE INSERT ON event_store.events FOR EACH ROW WHEN (NEW.category = 'piiAccess') EXECUTE FUNCTION refuse_access_log()`,
    );
    unwrap.mockClear();
    const refused = protector.reveal(viewOf('HN-2026-0007'), 'child-hn-1', p, FIELDS);
    await expect(refused).rejects.toBeInstanceOf(AccessLogUnavailableError);
    await expect(refused).rejects.toMatchObject({
      kind: 'unavailable',
      causeMessage: expect.stringContaining('access log refused'),
    });
    expect(unwrap).not.toHaveBeenCalled();

    await store.dataSource.query('DROP TRIGGER refuse_access_log ON event_store.events');
    await protector.reveal(
      viewOf('HN-2026-0007', { purpose: 'Coordinar el retorno asistido' }),
      'child-hn-1',
      p,
      FIELDS,
    );
    const log = await store.readStream('piiAccess-HN-2026-0007');
    expect(log.map((e) => (e.data as { purpose: string }).purpose)).toEqual([
      'Seguimiento del caso',
      'Coordinar el retorno asistido',
    ]);
    expect(verifyStream(log)).toEqual({ ok: true, checked: 2 });
  });
});
