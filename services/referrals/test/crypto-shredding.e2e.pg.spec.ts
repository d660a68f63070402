import { randomBytes } from 'node:crypto';
import { verifyStream } from '@crm/event-store';
import { PostgresKeyStore } from '@crm/pii';
import type { TestService } from '@crm/service-testing';
import { registerCase, registerInstitution, uniqueChild } from './cases-support';
import { checkpoint, locateDatabaseFiles, scanFiles, scanTables, type DatabaseFiles } from './disk-scan';
import { startTestReferralsService } from './support';

/**
 * Crypto-shredding of a child, proven on the database server's files. The child's identifying data reaches
 * the service in clear (over HTTP) and is encrypted by the command handler before anything is stored, so the
 * database never holds it in clear: what a scan of the files finds is the ciphertext (shown below), and what
 * makes that ciphertext unreadable after the erasure is the destruction of the child's data key (the key row
 * becomes a tombstone without key material), not any change to the stored history, which still verifies.
 *
 * Scanned: the test database's own folder `base/<oid>/` (after CHECKPOINT) and the cluster's `pg_wal/`,
 * byte for byte (disk-scan.ts), plus every table's rows as text (which sees through PostgreSQL's compression of
 * large values, invisible to a byte scan). Positive controls first: a string deliberately stored in clear in a
 * test table of the same database is found by all three scans, the child's data key is found in the key table's
 * file, and a ciphertext of the case is found on disk.
 */
describe('crypto-shredding of a child on disk (real service, real PostgreSQL files)', () => {
  let t: TestService;
  let files: DatabaseFiles;
  const as = (user: string) => t.bearer(user);
  beforeAll(async () => {
    t = await startTestReferralsService({ prefix: 'referrals_shredding' });
    files = await locateDatabaseFiles(t.pool);
  });
  afterAll(() => t?.stop());

  const scanDisk = async (needles: string[]) => {
    await checkpoint(t.pool);
    return { database: scanFiles([files.databaseDir], needles), wal: scanFiles([files.walDir], needles) };
  };
  const scanRows = async (needles: string[]) =>
    [...(await scanTables(t.pool, needles)).entries()].filter(([, tables]) => tables.length > 0);

  it("after the erasure the child's strings are nowhere on disk and the key is gone; the history still verifies", async () => {
    await registerInstitution(t);
    const { child, strings } = uniqueChild();
    const caseView = await registerCase(t, child);
    const caseId: string = caseView.caseId;
    const subject = `child-${caseId}`;
    const worker = await as('mx.protection_case_worker');
    // a small event with a single ciphertext (stored uncompressed, so its bytes are visible on disk)
    const correctedName = `${child.givenNames} Corregido`;
    await t
      .http()
      .patch(`/referrals/cases/${caseId}/identifying`)
      .set('Authorization', worker)
      .send({ identifying: { givenNames: correctedName } })
      .expect(200);
    const childStrings = [...strings, correctedName];

    // --- positive controls: the scans find what is there ------------------------------------------
    const control = `CONTROL-en-claro-${randomBytes(6).toString('hex')}`;
    await t.pool.query('CREATE TABLE public.shredding_control (v text)');
    await t.pool.query('INSERT INTO public.shredding_control (v) VALUES ($1)', [control]);
    expect(await scanDisk([control])).toEqual({ database: [control], wal: [control] });
    expect(await scanRows([control])).toEqual([[control, ['public.shredding_control']]]);

    const key = await t.pool.query<{ key_id: string; wrapped_key: Buffer }>(
      'SELECT key_id, wrapped_key FROM pii.data_keys WHERE subject_id = $1',
      [subject],
    );
    const wrappedKey = key.rows[0].wrapped_key;
    expect(wrappedKey.length).toBeGreaterThan(16);
    await checkpoint(t.pool);
    expect(scanFiles([files.databaseDir], [wrappedKey])).toEqual([wrappedKey]);

    const [, correction] = await t.service.platform.store.readStream(`referralCase-${caseId}`);
    const ciphertext = (correction.data as any).identifying.fields.givenNames;
    expect(ciphertext).toMatchObject({ v: 1, kid: key.rows[0].key_id });
    expect((await scanDisk([ciphertext.ct])).database).toEqual([ciphertext.ct]);

    const revealed = await t
      .http()
      .get(`/referrals/cases/${caseId}/identifying`)
      .query({ purpose: 'Verificar la identidad antes de la entrevista' })
      .set('Authorization', worker)
      .expect(200);
    expect(revealed.body.fields).toMatchObject({ givenNames: correctedName, familyNames: child.familyNames });

    // the child's strings were never stored in clear, not even before the erasure
    expect(await scanDisk(childStrings)).toEqual({ database: [], wal: [] });
    expect(await scanRows(childStrings)).toEqual([]);

    // --- erase --------------------------------------------------------------------------------------
    const history = await t.service.platform.store.readStream(`referralCase-${caseId}`);
    await t
      .http()
      .post(`/referrals/cases/${caseId}/erasure`)
      .set('Authorization', worker)
      .send({ reason: 'Solicitud de supresión SUP-MX-2020-12' })
      .expect(200);

    // the key row is a tombstone: no key material, no key-encryption key
    const tombstone = await t.pool.query(
      'SELECT wrapped_key, kek_id, erased_at FROM pii.data_keys WHERE subject_id = $1',
      [subject],
    );
    expect(tombstone.rows).toEqual([{ wrapped_key: null, kek_id: null, erased_at: expect.any(Date) }]);
    // the dead row version holding the wrapped key leaves the table file once the key table is rewritten
    // (PostgresKeyStore.purgeDeadKeyMaterial, VACUUM FULL: docs/security.md "Limits"; WAL copies of a wrapped
    // key are closed by the KEK rotation)
    await new PostgresKeyStore(t.pool).purgeDeadKeyMaterial();
    await checkpoint(t.pool);
    expect(scanFiles([files.databaseDir], [wrappedKey])).toEqual([]);

    // nowhere on disk, nowhere in any table; the ciphertext is still there, unreadable
    expect(await scanDisk(childStrings)).toEqual({ database: [], wal: [] });
    expect(await scanRows(childStrings)).toEqual([]);
    expect((await scanDisk([ciphertext.ct])).database).toEqual([ciphertext.ct]);
    const afterReveal = await t
      .http()
      .get(`/referrals/cases/${caseId}/identifying`)
      .query({ purpose: 'Comprobar el borrado' })
      .set('Authorization', worker)
      .expect(200);
    expect(afterReveal.body).toMatchObject({ erased: true, fields: { givenNames: { erased: true } } });

    // the history is unchanged and its hash chain verifies
    const store = t.service.platform.store;
    const after = await store.readStream(`referralCase-${caseId}`);
    expect(after).toEqual(history);
    expect(verifyStream(after, await store.readStreamHead(`referralCase-${caseId}`))).toEqual({
      ok: true,
      checked: 2,
    });
  });
});
