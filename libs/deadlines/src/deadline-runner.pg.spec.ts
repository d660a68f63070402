import { fixedClock, type LogPort } from '@crm/kernel';
import { createTestDatabase } from '@crm/testing';
import type { DataSource, EntityManager } from 'typeorm';
import type { DueDeadline } from './deadline';
import { DeadlineRunner, type DeadlineRunnerOptions } from './deadline-runner';
import { Deadlines } from './deadlines';
import { migrateDeadlines } from './schema';
import { deadline, eventually, openDataSource } from './test-support';

type Payload = { command: string };

describe('DeadlineRunner: due deadlines fire once, at the injected clock’s now', () => {
  const SCHEMA = 'timers';
  const start = new Date('2025-03-10T09:00:00.000Z');
  const deadlines = new Deadlines(SCHEMA);
  let db: { url: string; drop(): Promise<void> };
  let ds: DataSource;
  let clock: ReturnType<typeof fixedClock>;
  let fired: Array<DueDeadline<Payload>>;
  const runners: Array<DeadlineRunner<Payload>> = [];
  const warnings: Array<Record<string, unknown>> = [];
  const logger: LogPort = { warn: (fields) => void warnings.push(fields) };

  const schedule = (...ds_: Array<ReturnType<typeof deadline>>) =>
    ds.transaction(async (m) => {
      for (const d of ds_) await deadlines.schedule(m, d);
    });
  const record = async (fire: DueDeadline<Payload>) => void fired.push(fire);
  const runner = (options: Partial<DeadlineRunnerOptions<Payload>> = {}, dataSource = ds) => {
    const r = new DeadlineRunner<Payload>({
      dataSource,
      schema: SCHEMA,
      clock,
      fire: record,
      logger,
      pollIntervalMs: 10,
      ...options,
    });
    runners.push(r);
    return r;
  };
  const keys = () => fired.map((f) => f.key);

  beforeAll(async () => {
    db = await createTestDatabase('deadlines_runner');
    ds = await openDataSource(db.url);
    await migrateDeadlines(ds, SCHEMA);
    await ds.query(`CREATE TABLE ${SCHEMA}.effects (key text NOT NULL)`);
  });
  beforeEach(async () => {
    await ds.query(`DELETE FROM ${SCHEMA}.deadlines`);
    await ds.query(`DELETE FROM ${SCHEMA}.effects`);
    clock = fixedClock(start);
    fired = [];
    warnings.length = 0;
  });
  afterEach(async () => {
    for (const r of runners.splice(0)) await r.stop();
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('does not fire a deadline before it is due; fires it once when the clock reaches it', async () => {
    await schedule(deadline('a', 'referral-1', start, 60_000), deadline('b', 'referral-1', start, 120_000));
    const r = runner();
    await expect(r.pollOnce()).resolves.toBe(0);
    clock.advance(59_999);
    await expect(r.pollOnce()).resolves.toBe(0);
    expect(fired).toEqual([]);

    clock.advance(1);
    await expect(r.pollOnce()).resolves.toBe(1);
    await expect(r.pollOnce()).resolves.toBe(0);
    expect(fired).toEqual([
      {
        key: 'a',
        stream: 'referral-1',
        kind: 'escalate',
        dueAt: new Date(start.getTime() + 60_000),
        payload: { command: 'escalate a' },
        expectedRevision: 3,
        attempt: 1,
      },
    ]);
    expect(await deadlines.get(ds, 'a')).toMatchObject({ status: 'fired', attempts: 1, firedAt: clock() });
    expect(await deadlines.get(ds, 'b')).toMatchObject({ status: 'pending', attempts: 0 });
  });

  it('fires every due deadline of a poll, oldest first, over several batches', async () => {
    const due = Array.from({ length: 7 }, (_, i) => deadline(`k${i}`, `s${i % 2}`, start, -1_000 * (7 - i)));
    await schedule(...due.reverse());
    await expect(runner({ batchSize: 3 }).pollOnce()).resolves.toBe(7);
    expect(keys()).toEqual(['k0', 'k1', 'k2', 'k3', 'k4', 'k5', 'k6']);
  });

  it('fires once across a restart, and fires what fell due while no runner ran once it starts', async () => {
    await schedule(
      deadline('early', 'referral-2', start, 60_000),
      deadline('late', 'referral-2', start, 120_000),
    );
    const first = runner();
    await first.start();
    clock.advance(60_000);
    await eventually(() => fired.length === 1, 'the first deadline to fire');
    await first.stop();

    clock.advance(60_000); // 'late' falls due while nothing runs
    await new Promise((r) => setTimeout(r, 50));
    expect(keys()).toEqual(['early']);

    const second = runner();
    await second.start();
    await eventually(() => fired.length === 2, 'the deadline that fell due during the restart');
    clock.advance(3_600_000);
    await second.pollOnce(); // more polls, later: nothing fires again
    await new Promise((r) => setTimeout(r, 100));
    expect(keys()).toEqual(['early', 'late']);
    await expect(second.backlog()).resolves.toEqual({ due: 0, oldestDueAgeMs: null });
  });

  it('two runners polling the same table concurrently fire each deadline exactly once', async () => {
    const other = await openDataSource(db.url);
    try {
      const all = Array.from({ length: 40 }, (_, i) =>
        deadline(`c${String(i).padStart(2, '0')}`, 's', start, -i),
      );
      await schedule(...all);
      const by = new Map<string, string[]>();
      const slowly = (name: string) => async (d: DueDeadline<Payload>) => {
        await new Promise((r) => setTimeout(r, 3));
        fired.push(d);
        by.set(name, [...(by.get(name) ?? []), d.key]);
      };
      const one = runner({ fire: slowly('one'), batchSize: 4 });
      const two = runner({ fire: slowly('two'), batchSize: 4 }, other);
      const counts = await Promise.all([one.pollOnce(), two.pollOnce(), one.pollOnce(), two.pollOnce()]);

      expect(counts.reduce((a, b) => a + b, 0)).toBe(40);
      expect([...keys()].sort()).toEqual(all.map((d) => d.key).sort());
      expect(new Set(keys()).size).toBe(40);
      // both took part: the second skipped the rows the first held locked, and the other way round
      expect(by.get('one')?.length).toBeGreaterThan(0);
      expect(by.get('two')?.length).toBeGreaterThan(0);
    } finally {
      await other.destroy();
    }
  });

  it('a failing fire is retried with back-off, its attempts counted, until it succeeds once', async () => {
    let failures = 2;
    const flaky = async (d: DueDeadline<Payload>) => {
      fired.push(d);
      if (failures-- > 0) throw new Error('referrals service unavailable');
    };
    await schedule(deadline('f', 'referral-3', start, 0));
    const r = runner({ fire: flaky, retryInitialMs: 1_000, retryMaxMs: 60_000 });

    await expect(r.pollOnce()).resolves.toBe(0);
    expect(await deadlines.get(ds, 'f')).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastError: 'referrals service unavailable',
      retryAt: new Date(start.getTime() + 1_000),
    });
    expect(warnings).toEqual([
      expect.objectContaining({ key: 'f', attempt: 1, error: 'referrals service unavailable' }),
    ]);
    await expect(r.backlog()).resolves.toEqual({ due: 1, oldestDueAgeMs: 0 });
    await expect(r.pollOnce()).resolves.toBe(0); // no busy loop: not before its retry time
    expect(fired).toHaveLength(1);

    clock.advance(1_000);
    await expect(r.pollOnce()).resolves.toBe(0);
    expect(await deadlines.get(ds, 'f')).toMatchObject({
      attempts: 2,
      retryAt: new Date(start.getTime() + 1_000 + 2_000),
    });
    clock.advance(1_999);
    await expect(r.pollOnce()).resolves.toBe(0);
    expect(fired).toHaveLength(2);

    clock.advance(1);
    await expect(r.pollOnce()).resolves.toBe(1);
    clock.advance(3_600_000);
    await expect(r.pollOnce()).resolves.toBe(0);
    expect(fired.map((f) => f.attempt)).toEqual([1, 2, 3]);
    expect(await deadlines.get(ds, 'f')).toMatchObject({ status: 'fired', attempts: 3, retryAt: null });
    await expect(r.backlog()).resolves.toEqual({ due: 0, oldestDueAgeMs: null });
  });

  it('one failing deadline does not hold back the others of its batch', async () => {
    await schedule(deadline('bad', 's', start, -2), deadline('good', 's', start, -1));
    const r = runner({
      fire: async (d) => {
        if (d.key === 'bad') throw new Error('no');
        fired.push(d);
      },
    });
    await expect(r.pollOnce()).resolves.toBe(1);
    expect(keys()).toEqual(['good']);
    expect(await deadlines.get(ds, 'bad')).toMatchObject({ status: 'pending', attempts: 1 });
  });

  it('what fire writes through its manager commits with the fired mark, and is rolled back when it throws', async () => {
    let fail = true;
    const write = async (d: DueDeadline<Payload>, m: EntityManager) => {
      await m.query(`INSERT INTO ${SCHEMA}.effects (key) VALUES ($1)`, [d.key]);
      if (fail) {
        fail = false;
        throw new Error('failed after writing');
      }
    };
    await schedule(deadline('w', 's', start, 0));
    const r = runner({ fire: write, retryInitialMs: 10 });
    await r.pollOnce();
    expect(await ds.query(`SELECT key FROM ${SCHEMA}.effects`)).toEqual([]);
    clock.advance(10);
    await expect(r.pollOnce()).resolves.toBe(1);
    expect(await ds.query(`SELECT key FROM ${SCHEMA}.effects`)).toEqual([{ key: 'w' }]);
  });

  it('a cancelled deadline never fires; a fired one scheduled again under its key is not revived', async () => {
    await schedule(deadline('x', 'referral-4', start, 1_000), deadline('y', 'referral-4', start, 1_000));
    await ds.transaction((m) => deadlines.cancel(m, 'x'));
    const r = runner();
    clock.advance(1_000);
    await expect(r.pollOnce()).resolves.toBe(1);
    expect(keys()).toEqual(['y']);

    const again = deadline('y', 'referral-4', clock(), 1_000);
    await expect(ds.transaction((m) => deadlines.schedule(m, again))).resolves.toBe('closed');
    await expect(
      ds.transaction((m) =>
        deadlines.reconcile(m, 'referral-4', [again, deadline('x', 'referral-4', clock(), 1_000)]),
      ),
    ).resolves.toMatchObject({ closed: ['y', 'x'] });
    clock.advance(86_400_000);
    await expect(r.pollOnce()).resolves.toBe(0);
    expect(keys()).toEqual(['y']);

    await schedule({ ...again, key: 'y:2', dueAt: clock() });
    await expect(r.pollOnce()).resolves.toBe(1);
    expect(keys()).toEqual(['y', 'y:2']);
  });

  it('wake() polls at once instead of waiting for the pause', async () => {
    const r = runner({ pollIntervalMs: 600_000 });
    await r.start();
    await schedule(deadline('now', 's', start, 0));
    r.wake();
    await eventually(() => fired.length === 1, 'the deadline to fire on wake', 5_000);
    expect(keys()).toEqual(['now']);
  });

  it('refuses options that would busy-loop or make no sense', () => {
    for (const bad of [{ pollIntervalMs: 0 }, { batchSize: 0 }, { batchSize: 1.5 }, { retryInitialMs: 0 }])
      expect(() => runner(bad)).toThrow(expect.objectContaining({ code: 'deadline.invalid_options' }));
  });
});
