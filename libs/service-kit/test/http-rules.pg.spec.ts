import { createNestLogger } from '@crm/pii';
import { captureLog } from '@crm/pii/testing';
import { startNotesService, type TestNotesService } from './kit-test-service';

/**
 * The kit's HTTP rules on a real service (startService, real PostgreSQL event store): 413 and 400 of the
 * body parser, ETag / If-Match / If-None-Match, Idempotency-Key reuse, the request log and the correlation id.
 */
describe('service kit HTTP rules (real PostgreSQL)', () => {
  let t: TestNotesService;
  const log = captureLog();

  beforeAll(async () => {
    t = await startNotesService({
      logger: createNestLogger('notes', { destination: log.stream, level: 'info' }),
    });
  });
  afterAll(async () => {
    await t?.stop();
  });

  const bilingual = (body: any, code: string) => {
    expect(body).toEqual({
      code,
      message: { es: expect.any(String), en: expect.any(String) },
      details: expect.any(Object),
    });
    expect(body.message.es).not.toBe(body.message.en);
  };

  it('answers 413 (es/en, naming the limit) to a 3 MB body and stores nothing', async () => {
    const res = await t
      .http()
      .put('/notes/big')
      .set('Authorization', await t.bearer())
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ text: 'x'.repeat(3 * 1024 * 1024) }))
      .expect(413);
    bilingual(res.body, 'http.body_too_large');
    expect(res.body.message.es).toContain('2 MiB');
    expect(res.body.message.en).toContain('2 MiB');
    expect(res.body.details).toEqual({ limitBytes: 2 * 1024 * 1024 });
    expect(await t.revisions('big')).toEqual([]);
  });

  it('answers 400 (es/en) to malformed JSON and stores nothing', async () => {
    const res = await t
      .http()
      .put('/notes/broken')
      .set('Authorization', await t.bearer())
      .set('Content-Type', 'application/json')
      .send('{"text": "unterminated')
      .expect(400);
    bilingual(res.body, 'http.malformed_json');
    expect(await t.revisions('broken')).toEqual([]);
  });

  it('sends ETag "<revision>" on GET, 304 for If-None-Match, and 412 (es/en, nothing stored) for a stale If-Match', async () => {
    const auth = await t.bearer();
    const created = await t
      .http()
      .put('/notes/n1')
      .set('Authorization', auth)
      .send({ text: 'one' })
      .expect(200);
    expect(created.body.revision).toBe(0);
    const read = await t.http().get('/notes/n1').set('Authorization', auth).expect(200);
    expect(read.headers.etag).toBe('"0"');
    await t.http().get('/notes/n1').set('Authorization', auth).set('If-None-Match', '"0"').expect(304);

    const updated = await t
      .http()
      .put('/notes/n1')
      .set('Authorization', auth)
      .set('If-Match', read.headers.etag)
      .send({ text: 'two' })
      .expect(200);
    expect(updated.body.revision).toBe(1);

    const stale = await t
      .http()
      .put('/notes/n1')
      .set('Authorization', auth)
      .set('If-Match', '"0"')
      .send({ text: 'lost update' })
      .expect(412);
    bilingual(stale.body, 'http.precondition_failed');
    expect(stale.body.details).toEqual({ expected: '0', actual: 1 });
    expect(await t.revisions('n1')).toEqual([0, 1]);
    expect((await t.http().get('/notes/n1').set('Authorization', auth)).body.text).toBe('two');

    // a weakened tag names the same revision; `*` means any revision; without If-Match a conflict stays a 409 elsewhere
    await t
      .http()
      .put('/notes/n1')
      .set('Authorization', auth)
      .set('If-Match', 'W/"1"')
      .send({ text: 'three' })
      .expect(200);
    await t
      .http()
      .put('/notes/n1')
      .set('Authorization', auth)
      .set('If-Match', '*')
      .send({ text: 'four' })
      .expect(200);
    expect((await t.http().get('/notes/n1').set('Authorization', auth)).headers.etag).toBe('"3"');
  });

  it('answers 400 on headers.if-match to a malformed If-Match, and parses it for @CommandMeta', async () => {
    const auth = await t.bearer();
    for (const bad of ['"3", "4"', '"abc"', 'W/3', '-1']) {
      const res = await t
        .http()
        .put('/notes/n2')
        .set('Authorization', auth)
        .set('If-Match', bad)
        .send({ text: 'x' });
      expect([bad, res.status]).toEqual([bad, 400]);
      expect(res.body.details.problems).toEqual([{ field: 'headers.if-match', constraints: ['entity_tag'] }]);
    }
    expect(await t.revisions('n2')).toEqual([]);
    const meta = await t
      .http()
      .get('/notes/n2/meta')
      .set('Authorization', auth)
      .set('If-Match', '"7"')
      .set('Idempotency-Key', 'k-7')
      .set('X-Correlation-Id', 'corr-7')
      .expect(200);
    expect(meta.body).toEqual({ commandId: 'k-7', correlationId: 'corr-7', expectedRevision: 7 });
    expect(meta.headers.etag).not.toMatch(/^"\d+"$/); // no revision in the body: no revision ETag
  });

  it('replays the same Idempotency-Key with the same body, and answers 422 (es/en, nothing stored) to another body', async () => {
    const auth = await t.bearer();
    const first = await t
      .http()
      .put('/notes/n3')
      .set('Authorization', auth)
      .set('Idempotency-Key', 'note-3')
      .send({ text: 'first' })
      .expect(200);
    const again = await t
      .http()
      .put('/notes/n3')
      .set('Authorization', auth)
      .set('Idempotency-Key', 'note-3')
      .send({ text: 'first' })
      .expect(200);
    expect(again.body).toEqual(first.body);
    expect(await t.revisions('n3')).toEqual([0]);

    const reused = await t
      .http()
      .put('/notes/n3')
      .set('Authorization', auth)
      .set('Idempotency-Key', 'note-3')
      .send({ text: 'something else' })
      .expect(422);
    bilingual(reused.body, 'http.idempotency_key_reused');
    expect(reused.body.message.en).toContain('note-3');
    // the same key on another resource of the route is another request too
    await t
      .http()
      .put('/notes/n3b')
      .set('Authorization', auth)
      .set('Idempotency-Key', 'note-3')
      .send({ text: 'first' })
      .expect(422);
    expect(await t.revisions('n3')).toEqual([0]);
    expect(await t.revisions('n3b')).toEqual([]);
    expect((await t.http().get('/notes/n3').set('Authorization', auth)).body.text).toBe('first');

    // another caller has its own keys
    await t
      .http()
      .put('/notes/n3c')
      .set('Authorization', await t.bearer('gt.reporting_officer'))
      .set('Idempotency-Key', 'note-3')
      .send({ text: 'theirs' })
      .expect(200);
  });

  it('lets a key whose request failed be used again with a corrected body', async () => {
    const auth = await t.bearer();
    await t
      .http()
      .put('/notes/n4')
      .set('Authorization', auth)
      .set('Idempotency-Key', 'note-4')
      .send({ txt: 'typo' })
      .expect(400);
    await t
      .http()
      .put('/notes/n4')
      .set('Authorization', auth)
      .set('Idempotency-Key', 'note-4')
      .send({ text: 'fixed' })
      .expect(200);
    expect(await t.revisions('n4')).toEqual([0]);
  });

  it('writes one request line per request (route pattern, status, duration, correlation id) and echoes the id', async () => {
    const auth = await t.bearer();
    const given = await t
      .http()
      .put('/notes/secret-id-77?child=Dayana')
      .set('Authorization', auth)
      .set('X-Correlation-Id', 'corr-log-1')
      .send({ text: 'Dayana Michelle Cruz' })
      .expect(200);
    expect(given.headers['x-correlation-id']).toBe('corr-log-1');
    const generated = await t.http().get('/notes/secret-id-77').set('Authorization', auth).expect(200);
    expect(generated.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
    await t.http().get('/nowhere/secret-id-77').expect(404);

    await new Promise((r) => setImmediate(r));
    const lines = log.lines.map((l) => JSON.parse(l)).filter((l) => l.context === 'http');
    const byId = (id: string) => lines.filter((l) => l.correlationId === id);
    expect(byId('corr-log-1')).toEqual([
      expect.objectContaining({
        level: 30,
        msg: 'request',
        method: 'PUT',
        route: '/notes/:id',
        status: 200,
        durationMs: expect.any(Number),
      }),
    ]);
    expect(byId(generated.headers['x-correlation-id'])).toEqual([
      expect.objectContaining({ method: 'GET', route: '/notes/:id', status: 200 }),
    ]);
    expect(lines.some((l) => l.route === '(unmatched)' && l.status === 404)).toBe(true);
    const text = lines.map((l) => JSON.stringify(l)).join('\n');
    for (const secret of ['secret-id-77', 'Dayana', 'child=']) expect(text).not.toContain(secret);
  });
});
