import { createTestDatabase } from '@crm/testing';
import type { DataSource, EntityManager } from 'typeorm';
import { Deadlines } from './deadlines';
import { migrateDeadlines } from './schema';
import { deadline, openDataSource } from './test-support';

describe('Deadlines: scheduling, rescheduling, cancelling and reconciling inside the caller’s transaction', () => {
  const SCHEMA = 'timers';
  const now = new Date('2025-03-10T09:00:00.000Z');
  const deadlines = new Deadlines(SCHEMA);
  let db: { url: string; drop(): Promise<void> };
  let ds: DataSource;
  const tx = <T>(work: (m: EntityManager) => Promise<T>) => ds.transaction(work);
  const status = async (key: string) => (await deadlines.get(ds, key))?.status;
  /** What the runner does when it fires or gives up on a row: here set directly, the runner has its own spec. */
  const markFired = (key: string) =>
    ds.query(`UPDATE ${SCHEMA}.deadlines SET status = 'fired', fired_at = now() WHERE key = $1`, [key]);

  beforeAll(async () => {
    db = await createTestDatabase('deadlines_store');
    ds = await openDataSource(db.url);
    await migrateDeadlines(ds, SCHEMA);
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('schedules a new deadline and stores every field as given', async () => {
    const d = {
      ...deadline('r-1:ack:1', 'referral-1', now, 60_000),
      payload: { command: 'escalate', nested: { n: 1 } },
    };
    await expect(tx((m) => deadlines.schedule(m, d))).resolves.toBe('scheduled');
    expect(await deadlines.get(ds, 'r-1:ack:1')).toMatchObject({
      key: 'r-1:ack:1',
      stream: 'referral-1',
      kind: 'escalate',
      dueAt: d.dueAt,
      payload: { command: 'escalate', nested: { n: 1 } },
      expectedRevision: 3,
      status: 'pending',
      attempts: 0,
      lastError: null,
      retryAt: null,
      firedAt: null,
      cancelledAt: null,
    });
  });

  it('the same deadline again changes nothing; another due time, payload or revision moves it and restarts its attempts', async () => {
    const d = deadline('r-2:ack:1', 'referral-2', now, 60_000);
    await tx((m) => deadlines.schedule(m, d));
    // as if two attempts had failed
    await ds.query(
      `UPDATE ${SCHEMA}.deadlines SET attempts = 2, last_error = 'down', retry_at = $2 WHERE key = $1`,
      ['r-2:ack:1', now],
    );
    await expect(tx((m) => deadlines.schedule(m, d))).resolves.toBe('unchanged');
    expect(await deadlines.get(ds, 'r-2:ack:1')).toMatchObject({ attempts: 2, lastError: 'down' });

    const later = new Date(now.getTime() + 3_600_000);
    await expect(tx((m) => deadlines.schedule(m, { ...d, dueAt: later }))).resolves.toBe('rescheduled');
    expect(await deadlines.get(ds, 'r-2:ack:1')).toMatchObject({
      dueAt: later,
      status: 'pending',
      attempts: 0,
      lastError: null,
      retryAt: null,
    });
    await expect(tx((m) => deadlines.schedule(m, { ...d, dueAt: later, expectedRevision: 4 }))).resolves.toBe(
      'rescheduled',
    );
    await expect(
      tx((m) =>
        deadlines.schedule(m, { ...d, dueAt: later, expectedRevision: 4, payload: { command: 'other' } }),
      ),
    ).resolves.toBe('rescheduled');
    expect(await deadlines.get(ds, 'r-2:ack:1')).toMatchObject({
      expectedRevision: 4,
      payload: { command: 'other' },
    });
  });

  it('cancels a pending deadline once; a cancelled or fired key is not revived by scheduling it again', async () => {
    const a = deadline('r-3:ack:1', 'referral-3', now, 60_000);
    const b = deadline('r-3:decide:1', 'referral-3', now, 60_000);
    await tx(async (m) => {
      await deadlines.schedule(m, a);
      await deadlines.schedule(m, b);
    });
    await expect(tx((m) => deadlines.cancel(m, a.key))).resolves.toBe(true);
    await expect(tx((m) => deadlines.cancel(m, a.key))).resolves.toBe(false);
    await expect(tx((m) => deadlines.cancel(m, 'no-such-key'))).resolves.toBe(false);
    expect((await deadlines.get(ds, a.key))?.cancelledAt).toBeInstanceOf(Date);

    await markFired(b.key);
    const later = new Date(now.getTime() + 86_400_000);
    await expect(tx((m) => deadlines.schedule(m, { ...a, dueAt: later }))).resolves.toBe('closed');
    await expect(tx((m) => deadlines.schedule(m, { ...b, dueAt: later }))).resolves.toBe('closed');
    await expect(tx((m) => deadlines.cancel(m, b.key))).resolves.toBe(false);
    expect(await deadlines.get(ds, a.key)).toMatchObject({ status: 'cancelled', dueAt: a.dueAt });
    expect(await deadlines.get(ds, b.key)).toMatchObject({ status: 'fired', dueAt: b.dueAt });
    // a new key is a new deadline
    await expect(tx((m) => deadlines.schedule(m, { ...a, key: 'r-3:ack:2', dueAt: later }))).resolves.toBe(
      'scheduled',
    );
  });

  it('cancels the pending deadlines of one stream, optionally of some kinds only', async () => {
    await tx(async (m) => {
      await deadlines.schedule(m, deadline('r-4:a', 'referral-4', now, 1_000, { kind: 'acknowledge' }));
      await deadlines.schedule(m, deadline('r-4:b1', 'referral-4', now, 2_000, { kind: 'decide' }));
      await deadlines.schedule(m, deadline('r-4:b2', 'referral-4', now, 3_000, { kind: 'decide' }));
      await deadlines.schedule(m, deadline('r-5:b', 'referral-5', now, 1_000, { kind: 'decide' }));
    });
    await expect(tx((m) => deadlines.cancelStream(m, 'referral-4', ['decide']))).resolves.toEqual([
      'r-4:b1',
      'r-4:b2',
    ]);
    expect((await deadlines.pending(ds, 'referral-4')).map((d) => d.key)).toEqual(['r-4:a']);
    await expect(tx((m) => deadlines.cancelStream(m, 'referral-4'))).resolves.toEqual(['r-4:a']);
    await expect(tx((m) => deadlines.cancelStream(m, 'referral-4'))).resolves.toEqual([]);
    expect(await status('r-5:b')).toBe('pending');
  });

  it('reconcile makes the stream’s pending deadlines exactly the desired set', async () => {
    const s = 'referral-6';
    const keep = deadline('r-6:keep', s, now, 1_000);
    const move = deadline('r-6:move', s, now, 2_000);
    const drop = deadline('r-6:drop', s, now, 3_000);
    const fired = deadline('r-6:fired', s, now, -1_000);
    await tx(async (m) => {
      for (const d of [keep, move, drop, fired]) await deadlines.schedule(m, d);
    });
    await markFired(fired.key);
    const added = deadline('r-6:added', s, now, 4_000);
    const moved = { ...move, dueAt: new Date(now.getTime() + 9_000) };

    const result = await tx((m) => deadlines.reconcile(m, s, [keep, moved, added, fired]));

    expect(result).toEqual({
      scheduled: ['r-6:added'],
      rescheduled: ['r-6:move'],
      cancelled: ['r-6:drop'],
      closed: ['r-6:fired'],
      stale: [],
    });
    expect((await deadlines.pending(ds, s)).map((d) => [d.key, d.dueAt])).toEqual([
      ['r-6:keep', keep.dueAt],
      ['r-6:added', added.dueAt],
      ['r-6:move', moved.dueAt],
    ]);
    expect([await status('r-6:drop'), await status('r-6:fired')]).toEqual(['cancelled', 'fired']);

    // folding the same state again is a no-op; a state that needs no timer cancels them all
    await expect(tx((m) => deadlines.reconcile(m, s, [keep, moved, added]))).resolves.toEqual({
      scheduled: [],
      rescheduled: [],
      cancelled: [],
      closed: [],
      stale: [],
    });
    await expect(tx((m) => deadlines.reconcile(m, s, []))).resolves.toMatchObject({
      cancelled: ['r-6:added', 'r-6:keep', 'r-6:move'],
    });
    expect(await deadlines.pending(ds, s)).toEqual([]);
  });

  it('a replay of a stream’s past revisions neither moves nor cancels what a newer revision scheduled', async () => {
    const s = 'referral-13';
    const t = (ms: number) => new Date(now.getTime() + ms);
    // the stream's latest state (revision 5): the deadline 'decide' moved to a later time, 'extra' added
    const decide = deadline('r-13:decide', s, now, 1_000, { expectedRevision: 2 });
    await tx((m) => deadlines.reconcile(m, s, [decide], { revision: 2 }));
    const latest = [
      { ...decide, dueAt: t(9_000), expectedRevision: 5 },
      deadline('r-13:extra', s, now, 5_000, { expectedRevision: 5 }),
    ];
    await tx((m) => deadlines.reconcile(m, s, latest, { revision: 5 }));

    // a rebuild replays revision 1 (nothing wanted yet), then 2 (the first due time)
    await expect(tx((m) => deadlines.reconcile(m, s, [], { revision: 1 }))).resolves.toMatchObject({
      cancelled: [],
    });
    await expect(tx((m) => deadlines.reconcile(m, s, [decide], { revision: 2 }))).resolves.toMatchObject({
      rescheduled: [],
      cancelled: [],
      stale: ['r-13:decide'],
    });
    await expect(tx((m) => deadlines.schedule(m, decide))).resolves.toBe('stale');
    expect((await deadlines.pending(ds, s)).map((d) => [d.key, d.dueAt, d.expectedRevision])).toEqual([
      ['r-13:extra', t(5_000), 5],
      ['r-13:decide', t(9_000), 5],
    ]);
    // the replay reaches revision 5 again: nothing changes; a real revision 6 that needs no timer cancels both
    await expect(tx((m) => deadlines.reconcile(m, s, latest, { revision: 5 }))).resolves.toEqual({
      scheduled: [],
      rescheduled: [],
      cancelled: [],
      closed: [],
      stale: [],
    });
    await expect(tx((m) => deadlines.reconcile(m, s, [], { revision: 6 }))).resolves.toMatchObject({
      cancelled: ['r-13:decide', 'r-13:extra'],
    });
  });

  it('refuses to reconcile a deadline of another stream or a repeated key, changing nothing', async () => {
    const s = 'referral-7';
    const mine = deadline('r-7:a', s, now, 1_000);
    await tx((m) => deadlines.schedule(m, mine));
    await expect(
      tx((m) => deadlines.reconcile(m, s, [deadline('r-8:a', 'referral-8', now, 1_000)])),
    ).rejects.toMatchObject({ code: 'deadline.invalid', kind: 'internal' });
    await expect(tx((m) => deadlines.reconcile(m, s, [mine, mine]))).rejects.toMatchObject({
      code: 'deadline.invalid',
    });
    expect((await deadlines.pending(ds, s)).map((d) => d.key)).toEqual(['r-7:a']);
    expect(await deadlines.get(ds, 'r-8:a')).toBeUndefined();
  });

  it('a transaction that rolls back leaves nothing scheduled, rescheduled or cancelled', async () => {
    const existing = deadline('r-9:a', 'referral-9', now, 1_000);
    const other = deadline('r-10:a', 'referral-10', now, 1_000);
    await tx(async (m) => {
      await deadlines.schedule(m, existing);
      await deadlines.schedule(m, other);
    });
    await expect(
      tx(async (m) => {
        await deadlines.schedule(m, deadline('r-9:new', 'referral-9', now, 1_000));
        await deadlines.schedule(m, { ...existing, dueAt: new Date(now.getTime() + 5_000) });
        await deadlines.cancel(m, other.key);
        await deadlines.reconcile(m, 'referral-11', [deadline('r-11:a', 'referral-11', now, 1_000)]);
        throw new Error('the projection failed after scheduling');
      }),
    ).rejects.toThrow('the projection failed after scheduling');
    expect(await deadlines.get(ds, 'r-9:new')).toBeUndefined();
    expect(await deadlines.get(ds, 'r-11:a')).toBeUndefined();
    expect(await deadlines.get(ds, existing.key)).toMatchObject({ status: 'pending', dueAt: existing.dueAt });
    expect(await status(other.key)).toBe('pending');
  });

  it('refuses writes outside a transaction and malformed deadlines, in both languages', async () => {
    const d = deadline('r-12:a', 'referral-12', now, 1_000);
    const outside = await deadlines.schedule(ds.manager, d).catch((e) => e);
    expect(outside).toMatchObject({ code: 'deadline.outside_transaction', kind: 'internal' });
    expect(outside.text.es).toContain('transacción');
    await expect(deadlines.cancel(ds.manager, d.key)).rejects.toMatchObject({
      code: 'deadline.outside_transaction',
    });
    for (const bad of [
      { ...d, key: '' },
      { ...d, stream: '' },
      { ...d, kind: '' },
      { ...d, dueAt: new Date('not a date') },
      { ...d, expectedRevision: 1.5 },
      { ...d, payload: undefined as never },
    ]) {
      const error = await tx((m) => deadlines.schedule(m, bad)).catch((e) => e);
      expect(error).toMatchObject({ code: 'deadline.invalid', kind: 'internal' });
      expect(error.text.en).toContain('Fix the service');
    }
    expect(await deadlines.get(ds, d.key)).toBeUndefined();
  });

  it('counts the pending deadlines due at a given instant and the age of the oldest', async () => {
    const b = new Deadlines('timers_backlog');
    await migrateDeadlines(ds, 'timers_backlog');
    await expect(b.backlog(ds, now)).resolves.toEqual({ due: 0, oldestDueAgeMs: null });
    await tx(async (m) => {
      await b.schedule(m, deadline('b:old', 's', now, -300_000));
      await b.schedule(m, deadline('b:recent', 's', now, -60_000));
      await b.schedule(m, deadline('b:now', 's', now, 0));
      await b.schedule(m, deadline('b:future', 's', now, 60_000));
      await b.schedule(m, deadline('b:cancelled', 's', now, -900_000));
      await b.cancel(m, 'b:cancelled');
    });
    await expect(b.backlog(ds, now)).resolves.toEqual({ due: 3, oldestDueAgeMs: 300_000 });
    await expect(b.backlog(ds, new Date(now.getTime() + 60_000))).resolves.toEqual({
      due: 4,
      oldestDueAgeMs: 360_000,
    });
  });
});
