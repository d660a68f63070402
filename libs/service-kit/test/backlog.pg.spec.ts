import { FAKE_BACKLOG, startNotesService, type TestNotesService } from './kit-test-service';

/** The Prometheus samples of `name` whose labels include `labels`. */
function sample(text: string, name: string, labels: Record<string, string>): number[] {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  return text
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) && wanted.every((l) => line.includes(l)))
    .map((line) => Number(line.slice(line.lastIndexOf(' ') + 1)));
}

/**
 * The second kind of source of readiness and metrics: a backlog (a deadline runner's due-but-unfired
 * deadlines), declared under BACKLOG_SOURCES and measured at each probe and scrape.
 */
describe('backlog sources on /health/ready and /metrics (real PostgreSQL)', () => {
  let t: TestNotesService;
  const labels = { kind: 'deadlines', backlog: 'kit-notes-reminders', service: 'notes' };
  const KEY = 'deadlines:kit-notes-reminders';

  beforeAll(async () => {
    t = await startNotesService({ env: { READY_MAX_BACKLOG_AGE_SECONDS: '60' } });
  });
  afterEach(() => {
    FAKE_BACKLOG.now = null;
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('a source not running in this process is reported and does not fail readiness', async () => {
    const ready = await t.http().get('/health/ready').expect(200);
    expect(ready.body.details[KEY]).toEqual({ status: 'up', running: false });
    const text = (await t.http().get('/metrics').expect(200)).text;
    expect(sample(text, 'crm_backlog_due', labels)).toEqual([]);
  });

  it('ready while the oldest due item is within READY_MAX_BACKLOG_AGE_SECONDS; both gauges show it', async () => {
    FAKE_BACKLOG.now = { due: 2, oldestDueAgeMs: 59_000 };
    const ready = await t.http().get('/health/ready').expect(200);
    expect(ready.body.details[KEY]).toEqual({
      status: 'up',
      due: 2,
      oldestDueAgeSeconds: 59,
      maxAgeSeconds: 60,
    });
    const text = (await t.http().get('/metrics').expect(200)).text;
    expect(sample(text, 'crm_backlog_due', labels)).toEqual([2]);
    expect(sample(text, 'crm_backlog_oldest_due_age_seconds', labels)).toEqual([59]);
  });

  it('503 when the oldest due item waited longer, naming the limit; 200 again once it is handled', async () => {
    FAKE_BACKLOG.now = { due: 5, oldestDueAgeMs: 61_000 };
    const late = await t.http().get('/health/ready').expect(503);
    expect(late.body.error[KEY]).toEqual({
      status: 'down',
      message: '5 due, the oldest 61 s ago: more than 60 s (READY_MAX_BACKLOG_AGE_SECONDS)',
    });
    expect(late.body.details.database).toEqual({ status: 'up' });
    let text = (await t.http().get('/metrics').expect(200)).text;
    expect(sample(text, 'crm_backlog_due', labels)).toEqual([5]);

    FAKE_BACKLOG.now = { due: 0, oldestDueAgeMs: null };
    const ready = await t.http().get('/health/ready').expect(200);
    expect(ready.body.details[KEY]).toMatchObject({ due: 0, oldestDueAgeSeconds: null });
    text = (await t.http().get('/metrics').expect(200)).text;
    expect(sample(text, 'crm_backlog_due', labels)).toEqual([0]);
    expect(sample(text, 'crm_backlog_oldest_due_age_seconds', labels)).toEqual([0]);
  });

  it('a source that cannot answer is down on readiness and left out of the scrape', async () => {
    FAKE_BACKLOG.now = new Error('deadlines table unreachable');
    const down = await t.http().get('/health/ready').expect(503);
    expect(down.body.error[KEY]).toEqual({ status: 'down', message: 'deadlines table unreachable' });
    const text = (await t.http().get('/metrics').expect(200)).text;
    expect(sample(text, 'crm_backlog_due', labels)).toEqual([]);
  });
});
