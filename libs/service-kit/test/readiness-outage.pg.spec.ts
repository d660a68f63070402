import { startStoppablePostgres, type StoppablePostgres } from '@crm/testing';
import { eventually, startNotesService, type TestNotesService } from './kit-test-service';

/**
 * `/health/ready` on a PostgreSQL that goes away: 503 (database and bus down) while it is stopped, 200 once it
 * is back, and the service writes again without a restart (the pools reconnect on the next query).
 */
describe('readiness while PostgreSQL is stopped and after it is back', () => {
  let pg: StoppablePostgres;
  let t: TestNotesService;

  beforeAll(async () => {
    pg = await startStoppablePostgres();
    t = await startNotesService({ databaseUrl: pg.url });
  });
  afterAll(async () => {
    await t?.stop();
    await pg?.close();
  });

  it('answers 200, then 503 while the database is stopped (liveness stays 200), then 200 again', async () => {
    const auth = await t.bearer();
    await t.http().put('/notes/before').set('Authorization', auth).send({ text: 'before' }).expect(200);
    await t.http().get('/health/ready').expect(200);

    await pg.stop();
    const down = await t.http().get('/health/ready').expect(503);
    expect(down.body).toMatchObject({
      status: 'error',
      error: { database: { status: 'down' }, bus: { status: 'down' } },
    });
    await t.http().get('/health/live').expect(200, { status: 'ok', service: 'notes' });

    await pg.start();
    await eventually(async () => (await t.http().get('/health/ready')).status === 200, 30_000);
    const up = await t.http().get('/health/ready').expect(200);
    expect(up.body.details).toMatchObject({ database: { status: 'up' }, bus: { status: 'up' } });
    await t.http().put('/notes/after').set('Authorization', auth).send({ text: 'after' }).expect(200);
    expect(await t.revisions('after')).toEqual([0]);
  });
});
