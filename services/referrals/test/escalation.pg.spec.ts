import { CommandBus } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { DeadlineRunner, Deadlines } from '@crm/deadlines';
import type { Position } from '@crm/event-store';
import { fixedClock } from '@crm/kernel';
import type { TestService } from '@crm/service-testing';
import { EscalationModule } from '../src/escalation/escalation.module';
import { fireReferralTimer } from '../src/escalation/fire-referral-timer';
import { REFERRALS_SCHEMA } from '../src/escalation/referral-deadlines.projection';
import { ReferralEscalation } from '../src/escalation/referral-escalation';
import { timerCommand, type ReferralTimerPayload } from '../src/escalation/referral-timers';
import { hoursAfter } from '../src/testing/hours';
import { referralSteps, sendReferral } from '../src/testing/referral-history';
import { startTestReferralsService } from './support';

/**
 * The deadlines projection and the deadline runner in the real service (PostgreSQL event store and deadlines
 * table), on a fixed service clock moved by hand: reconcile on each event, fire when due, idempotent re-fire,
 * a backlog fired after a stop, two runners sharing the table.
 */
describe('deadlines and escalation in-process (fixed clock, real PostgreSQL)', () => {
  const T0 = '2020-07-01T08:00:00.000Z';
  const clock = fixedClock(T0);
  const deadlines = new Deadlines(REFERRALS_SCHEMA);
  let t: TestService;
  let escalation: ReferralEscalation;
  let ds: DataSource;
  let n = 0;
  const deps = () => ({ store: t.service.platform.store, clock });
  /** A fresh referral id per test (lower-case UUID v4). */
  const nextId = () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
  const stream = (id: string) => `referral-${id}`;
  const types = async (id: string) =>
    (await t.service.platform.store.readStream(stream(id))).map((e) => e.type);
  const escalations = async (id: string) =>
    (await t.service.platform.store.readStream(stream(id)))
      .filter((e) => e.type === 'ReferralEscalated')
      .map((e) => (e.data as { level: number; escalatedTo: string }).escalatedTo);
  const head = async (): Promise<Position | undefined> =>
    (await t.service.platform.store.readAll({ filter: { streamPrefixes: ['referral-'] } })).at(-1)?.position;

  /** The projection has applied every referral event, and nothing more is due: what a quiet service looks like. */
  async function settle(): Promise<void> {
    for (let round = 0; round < 30; round++) {
      const before = await head();
      if (before !== undefined) await escalation.projection.waitFor(before);
      const fired = await escalation.runner.pollOnce();
      if (fired === 0 && (await head()) === before) return;
    }
    throw new Error('the deadlines did not settle');
  }
  const pending = async (id: string) =>
    (await deadlines.pending<ReferralTimerPayload>(ds, stream(id))).map(
      (d) => `${d.payload.step}/${d.kind}/${d.payload.level}@${d.expectedRevision}`,
    );
  const at = async (hours: number) => {
    clock.set(hoursAfter(T0, hours));
    await settle();
  };

  beforeAll(async () => {
    t = await startTestReferralsService({
      clock,
      features: [EscalationModule],
      // LOG_LEVEL error: the runner's retry warnings of timers superseded in the same poll (expected here)
      env: { REFERRALS_DEADLINE_POLL_MS: '20', LOG_LEVEL: 'error' },
    });
    escalation = t.service.app.get(ReferralEscalation);
    ds = await t.service.platform.dataSource(REFERRALS_SCHEMA);
  });
  afterAll(() => t?.stop());
  beforeEach(() => clock.set(T0));

  it('reconciles the deadlines table on each event: sending schedules, acknowledging cancels in the transaction that checkpoints it', async () => {
    const id = nextId();
    await sendReferral(deps(), id);
    await settle();
    expect(await pending(id)).toEqual([
      'acknowledge/remind/0@1',
      'acknowledge/escalate/1@1',
      'decide/remind/0@1',
      'decide/escalate/1@1',
    ]);
    const view = await referralSteps.acknowledge(deps(), id);
    const acknowledged = (await t.service.platform.store.readStream(stream(id))).at(-1)!;
    await escalation.projection.waitFor(acknowledged.position);
    // once the acknowledgement's checkpoint is committed, its cancellations are too
    const [checkpoint] = await ds.query(
      `SELECT position::text AS position FROM referrals.consumer_checkpoints WHERE consumer = 'referrals.deadlines'`,
    );
    expect(BigInt(checkpoint.position)).toBeGreaterThanOrEqual(acknowledged.position);
    expect(view.revision).toBe(2);
    expect(await pending(id)).toEqual(['decide/remind/0@2', 'decide/escalate/1@2']);
    const ackEscalation = await deadlines.get(
      ds,
      `${stream(id)}/acknowledge/escalate/1/${hoursAfter(T0, 48)}`,
    );
    expect(ackEscalation).toMatchObject({ status: 'cancelled' });
    await at(200);
    expect(await escalations(id)).toEqual(['backup_focal_point']); // the decision, not the acknowledgement
  });

  it('fires each timer when the clock reaches it: reminder, backup focal point, reminder, Secretariat; then nothing', async () => {
    const id = nextId();
    await sendReferral(deps(), id);
    await settle();
    await at(23);
    expect(await types(id)).toEqual(['ReferralDrafted', 'ReferralSent']);
    await at(24);
    expect(await types(id)).toEqual(['ReferralDrafted', 'ReferralSent', 'ReferralReminderSent']);
    await at(48);
    expect(await escalations(id)).toEqual(['backup_focal_point']);
    expect(await pending(id)).toEqual([
      'acknowledge/remind/1@3', // 72 h: half-way through the new window
      'decide/remind/0@3', // 84 h
      'acknowledge/escalate/2@3', // 96 h: to the Secretariat
      'decide/escalate/1@3', // 168 h
    ]);
    await at(72); // half-way through the new window (48 h → 96 h)
    await at(96);
    const acknowledgeEvents = (await t.service.platform.store.readStream(stream(id)))
      .filter((e) => (e.data as { step?: string }).step === 'acknowledge')
      .map(
        (e) =>
          `${e.type}:${(e.data as { level?: number; count?: number }).level ?? (e.data as { count: number }).count}`,
      );
    expect(acknowledgeEvents).toEqual([
      'ReferralReminderSent:1',
      'ReferralEscalated:1',
      'ReferralReminderSent:2',
      'ReferralEscalated:2',
    ]);
    expect(await escalations(id)).toEqual(['backup_focal_point', 'secretariat']);
    expect((await pending(id)).filter((p) => p.startsWith('acknowledge'))).toEqual([]);
    const count = (await types(id)).length;
    await at(1_000);
    await at(1_000);
    // the decision step's (its first reminder, at 84 h, came with the 96 h jump): escalated at 168 h, reminded at
    // 252 h, escalated to the Secretariat at 336 h, once each; the acknowledgement's stay done
    expect((await types(id)).slice(count)).toEqual([
      'ReferralEscalated',
      'ReferralReminderSent',
      'ReferralEscalated',
    ]);
    expect(await escalations(id)).toEqual([
      'backup_focal_point',
      'secretariat',
      'backup_focal_point',
      'secretariat',
    ]);
    expect(await pending(id)).toEqual([]);
  });

  it('after a stop, the reminder and the escalation due in the same poll both record once (the 412 of the second waits for the projection)', async () => {
    const id = nextId();
    await sendReferral(deps(), id);
    await settle();
    await escalation.stop();
    clock.set(hoursAfter(T0, 49));
    await escalation.start();
    await settle();
    expect(await types(id)).toEqual([
      'ReferralDrafted',
      'ReferralSent',
      'ReferralReminderSent',
      'ReferralEscalated',
    ]);
    const escalated = await deadlines.get(ds, `${stream(id)}/acknowledge/escalate/1/${hoursAfter(T0, 48)}`);
    expect(escalated).toMatchObject({ status: 'fired', expectedRevision: 2 }); // rescheduled at the reminder's revision
    await settle();
    expect(await escalations(id)).toEqual(['backup_focal_point']);
  });

  it('a timer fired again after a crash (effect recorded, row not marked) records nothing new', async () => {
    const id = nextId();
    await sendReferral(deps(), id);
    await settle();
    clock.set(hoursAfter(T0, 24));
    await escalation.runner.stop();
    await escalation.projection.stop(); // nothing reconciles the reminder away before the runner sees the row again
    try {
      const [remind] = await deadlines.pending<ReferralTimerPayload>(ds, stream(id));
      expect(remind.kind).toBe('remind');
      await t.service.app.get(CommandBus).execute(timerCommand(remind)); // fired, then "crashed" before the mark
      await expect(escalation.runner.pollOnce()).resolves.toBe(1); // fired again: same key, same command id
      expect(await deadlines.get(ds, remind.key)).toMatchObject({ status: 'fired', attempts: 1 });
    } finally {
      await escalation.start();
    }
    await settle();
    expect(await types(id)).toEqual(['ReferralDrafted', 'ReferralSent', 'ReferralReminderSent']);
  });

  it('two runners polling the same table fire each due timer exactly once', async () => {
    const ids = Array.from({ length: 6 }, nextId);
    for (const id of ids) await sendReferral(deps(), id);
    await settle();
    await escalation.runner.stop();
    const other = await new DataSource({
      type: 'postgres',
      url: t.service.platform.database.url,
    }).initialize();
    try {
      const fire = fireReferralTimer(t.service.app.get(CommandBus));
      const second = new DeadlineRunner<ReferralTimerPayload>({
        dataSource: other,
        schema: REFERRALS_SCHEMA,
        clock,
        fire,
        batchSize: 2,
        logger: { warn: () => undefined },
      });
      const first = new DeadlineRunner<ReferralTimerPayload>({
        dataSource: ds,
        schema: REFERRALS_SCHEMA,
        clock,
        fire,
        batchSize: 2,
        logger: { warn: () => undefined },
      });
      clock.set(hoursAfter(T0, 24));
      const fired = await Promise.all([
        first.pollOnce(),
        second.pollOnce(),
        first.pollOnce(),
        second.pollOnce(),
      ]);
      expect(fired.reduce((a, b) => a + b, 0)).toBe(6);
    } finally {
      await other.destroy();
      await escalation.runner.start();
    }
    await settle();
    for (const id of ids)
      expect((await types(id)).filter((x) => x === 'ReferralReminderSent')).toHaveLength(1);
  });

  it('a revoked or a completed referral has no timer left and never escalates', async () => {
    const revoked = nextId();
    const completed = nextId();
    await sendReferral(deps(), revoked);
    await sendReferral(deps(), completed);
    clock.set(hoursAfter(T0, 1));
    await referralSteps.revoke(deps(), revoked);
    await referralSteps.acceptAndClose(deps(), completed);
    await settle();
    expect(await pending(revoked)).toEqual([]);
    expect(await pending(completed)).toEqual([]);
    await at(2_000);
    expect(await types(revoked)).toEqual(['ReferralDrafted', 'ReferralSent', 'ReferralRevoked']);
    expect(await types(completed)).toEqual([
      'ReferralDrafted',
      'ReferralSent',
      'ReferralAcknowledged',
      'ReferralAccepted',
      'ReferralCompleted',
    ]);
  });

  it('declares the projection and the runner on /health/ready and /metrics', async () => {
    await settle();
    const ready = await t.http().get('/health/ready').expect(200);
    expect(ready.body.details).toMatchObject({
      'projection:referrals.deadlines': { status: 'up', lagEvents: 0 },
      'deadlines:referrals.deadlines': { status: 'up', due: 0, maxAgeSeconds: 300 },
    });
    const metrics = (await t.http().get('/metrics').expect(200)).text;
    expect(metrics).toMatch(
      /crm_backlog_due\{kind="deadlines",backlog="referrals.deadlines",service="referrals"\} 0/,
    );
    expect(metrics).toMatch(
      /crm_projection_lag_events\{projection="referrals.deadlines",service="referrals"\} 0/,
    );
  });
});
