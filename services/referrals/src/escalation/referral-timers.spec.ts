import { readState, StaleRevisionError } from '@crm/decider';
import { MemoryEventStore } from '@crm/event-store';
import { fixedClock } from '@crm/kernel';
import { EscalateOverdueCommand } from '../referrals/commands/escalate-overdue/escalate-overdue.command';
import { RemindOverdueCommand } from '../referrals/commands/remind-overdue/remind-overdue.command';
import { referralDecider } from '../referrals/domain';
import { REFERRALS_SYSTEM_PRINCIPAL } from '../shared/system-actor';
import { hoursAfter } from '../testing/hours';
import { referralSteps, sendReferral } from '../testing/referral-history';
import { ESCALATION_DEFAULTS, loadEscalationConfig } from './escalation-config';
import { fireReferralTimer } from './fire-referral-timer';
import { referralDeadlines, timerCommand } from './referral-timers';

const REFERRAL = '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
const STREAM = `referral-${REFERRAL}`;
const SENT_AT = '2020-07-01T08:00:00.000Z';

async function sentReferral() {
  const clock = fixedClock(SENT_AT);
  const store = new MemoryEventStore({ clock });
  const deps = { store, clock };
  await sendReferral(deps, REFERRAL);
  const deadlines = async () => {
    const { state, revision } = await readState(store, STREAM, referralDecider);
    return referralDeadlines(STREAM, state, revision);
  };
  return { deps, deadlines };
}

describe('referral timers as deadlines rows', () => {
  it("a sent referral's pendingTimers become rows firing at each timer's instant, at the revision folded", async () => {
    const { deadlines } = await sentReferral();
    const ackDue = hoursAfter(SENT_AT, 48);
    const decideDue = hoursAfter(SENT_AT, 168);
    expect(await deadlines()).toEqual([
      {
        key: `${STREAM}/acknowledge/remind/0/${ackDue}`,
        stream: STREAM,
        kind: 'remind',
        dueAt: new Date(hoursAfter(SENT_AT, 24)),
        payload: { referralId: REFERRAL, step: 'acknowledge', dueAt: ackDue, level: 0 },
        expectedRevision: 1,
      },
      {
        key: `${STREAM}/acknowledge/escalate/1/${ackDue}`,
        stream: STREAM,
        kind: 'escalate',
        dueAt: new Date(ackDue),
        payload: { referralId: REFERRAL, step: 'acknowledge', dueAt: ackDue, level: 1 },
        expectedRevision: 1,
      },
      expect.objectContaining({ kind: 'remind', dueAt: new Date(hoursAfter(SENT_AT, 84)) }),
      expect.objectContaining({ kind: 'escalate', dueAt: new Date(decideDue), expectedRevision: 1 }),
    ]);
  });

  it('an acknowledgement leaves only the decision timers; a revoked referral needs none', async () => {
    const { deps, deadlines } = await sentReferral();
    await referralSteps.acknowledge(deps, REFERRAL);
    const left = await deadlines();
    expect(left.map((d) => [d.payload.step, d.kind, d.expectedRevision])).toEqual([
      ['decide', 'remind', 2],
      ['decide', 'escalate', 2],
    ]);
    await referralSteps.revoke(deps, REFERRAL);
    expect(await deadlines()).toEqual([]);
  });

  it('a due row becomes its command as the system principal: key as command id, revision as expected revision', async () => {
    const { deadlines } = await sentReferral();
    const [remind, escalate] = await deadlines();
    const input = { referralId: REFERRAL, step: 'acknowledge', dueAt: hoursAfter(SENT_AT, 48) };
    expect(timerCommand(remind)).toEqual(
      new RemindOverdueCommand(REFERRALS_SYSTEM_PRINCIPAL, input as never, {
        commandId: remind.key,
        expectedRevision: 1,
      }),
    );
    expect(timerCommand(escalate)).toBeInstanceOf(EscalateOverdueCommand);
    expect(timerCommand(escalate).principal).toBe(REFERRALS_SYSTEM_PRINCIPAL);
    expect(timerCommand({ ...escalate, expectedRevision: null }).options).toEqual({
      commandId: escalate.key,
    });
    expect(() => timerCommand({ ...escalate, kind: 'expire' })).toThrow(
      expect.objectContaining({ code: 'referral.unknown_timer' }),
    );
  });
});

describe('fireReferralTimer', () => {
  const due = {
    key: `${STREAM}/acknowledge/escalate/1/2020-07-03T08:00:00.000Z`,
    stream: STREAM,
    kind: 'escalate',
    dueAt: new Date('2020-07-03T08:00:00.000Z'),
    payload: {
      referralId: REFERRAL,
      step: 'acknowledge' as const,
      dueAt: '2020-07-03T08:00:00.000Z',
      level: 1,
    },
    expectedRevision: 1,
    attempt: 1,
  };

  it('dispatches the timer command on the CommandBus', async () => {
    const sent: unknown[] = [];
    await fireReferralTimer({ execute: async (c: unknown) => void sent.push(c) } as never)(due);
    expect(sent).toEqual([timerCommand(due)]);
  });

  it('a 412 is not a fired timer: it is thrown (the row stays pending for the projection to reschedule)', async () => {
    const bus = {
      execute: async () => {
        throw new StaleRevisionError(1, 2);
      },
    };
    const error = await fireReferralTimer(bus as never)(due).catch((e) => e);
    expect(error).toMatchObject({
      code: 'referral.timer_stale',
      kind: 'precondition_failed',
      details: { key: due.key, expected: 1, actual: 2 },
    });
    expect(error.text.es).toContain('queda pendiente');
    const other = new Error('database down');
    await expect(
      fireReferralTimer({
        execute: async () => {
          throw other;
        },
      } as never)(due),
    ).rejects.toBe(other);
  });
});

describe('escalation configuration', () => {
  it('has defaults and reads REFERRALS_DEADLINE_POLL_MS and REFERRALS_DEADLINE_BATCH_SIZE', () => {
    expect(loadEscalationConfig({})).toEqual(ESCALATION_DEFAULTS);
    expect(
      loadEscalationConfig({ REFERRALS_DEADLINE_POLL_MS: '250', REFERRALS_DEADLINE_BATCH_SIZE: '10' }),
    ).toEqual({ pollIntervalMs: 250, batchSize: 10 });
  });

  it.each([
    ['REFERRALS_DEADLINE_POLL_MS', '0'],
    ['REFERRALS_DEADLINE_POLL_MS', '1s'],
    ['REFERRALS_DEADLINE_BATCH_SIZE', '5000'],
  ])('refuses %s=%s with an es/en text naming the variable', (variable, value) => {
    let error: any;
    try {
      loadEscalationConfig({ [variable]: value });
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: 'config.invalid', details: { variable } });
    expect(error.text.es).toMatch(new RegExp(`^${variable}: `));
    expect(error.text.en).toMatch(new RegExp(`^${variable}: `));
  });
});
