import { given } from '@crm/decider';
import { DEFAULT_DEADLINE_POLICY, deadlinesFor, withdrawalDeadlineFor } from './deadlines';
import { referralDecider } from './decider';
import type { ReferralEvent } from './events';
import { pendingTimers, type PendingTimer } from './timers';
import {
  cmd,
  ctx,
  DEADLINES,
  hoursAfter,
  reach,
  RECEIVER,
  REFERRAL_ID,
  run,
  SENT_AT,
  stateOf,
  SYSTEM,
  TO,
} from './test-support';

const ACK_DUE = DEADLINES.acknowledgeBy;
const DECIDE_DUE = DEADLINES.decideBy;
const key = (step: string, kind: string, level: number, dueAt: string) =>
  `referral-${REFERRAL_ID}/${step}/${kind}/${level}/${dueAt}`;
const system = (at: string) => ctx(at, SYSTEM);

describe('deadlines: policy defaults and deadlinesFor', () => {
  it('defaults to 48 h to acknowledge, 168 h to decide, 48 h to acknowledge a withdrawal', () => {
    expect(DEFAULT_DEADLINE_POLICY).toEqual({
      acknowledgeWithinHours: 48,
      decideWithinHours: 168,
      withdrawalAcknowledgeWithinHours: 48,
    });
  });

  it('computes the instants from the sending (or notification) instant', () => {
    const policy = {
      acknowledgeWithinHours: 24,
      decideWithinHours: 72,
      withdrawalAcknowledgeWithinHours: 12,
    };
    expect(deadlinesFor(policy, '2020-07-01T08:00:00Z')).toEqual({
      acknowledgeBy: '2020-07-02T08:00:00.000Z',
      decideBy: '2020-07-04T08:00:00.000Z',
    });
    expect(withdrawalDeadlineFor(policy, new Date('2020-07-01T08:00:00Z'))).toBe('2020-07-01T20:00:00.000Z');
  });
});

describe('pendingTimers', () => {
  it('lists nothing before sending', () => {
    expect(pendingTimers(stateOf(reach('none')))).toEqual([]);
    expect(pendingTimers(stateOf(reach('draft')))).toEqual([]);
  });

  it('after sending: a reminder half-way through each window and an escalation at each due instant', () => {
    expect(pendingTimers(stateOf(reach('requested')))).toEqual<PendingTimer[]>([
      {
        key: key('acknowledge', 'remind', 0, ACK_DUE),
        referralId: REFERRAL_ID,
        step: 'acknowledge',
        kind: 'remind',
        dueAt: ACK_DUE,
        fireAt: hoursAfter(SENT_AT, 24),
        level: 0,
      },
      {
        key: key('acknowledge', 'escalate', 1, ACK_DUE),
        referralId: REFERRAL_ID,
        step: 'acknowledge',
        kind: 'escalate',
        dueAt: ACK_DUE,
        fireAt: ACK_DUE,
        level: 1,
      },
      {
        key: key('decide', 'remind', 0, DECIDE_DUE),
        referralId: REFERRAL_ID,
        step: 'decide',
        kind: 'remind',
        dueAt: DECIDE_DUE,
        fireAt: hoursAfter(SENT_AT, 84),
        level: 0,
      },
      {
        key: key('decide', 'escalate', 1, DECIDE_DUE),
        referralId: REFERRAL_ID,
        step: 'decide',
        kind: 'escalate',
        dueAt: DECIDE_DUE,
        fireAt: DECIDE_DUE,
        level: 1,
      },
    ]);
  });

  it('the acknowledgement removes the acknowledge step; the decision removes the rest', () => {
    const acknowledged = pendingTimers(stateOf(reach('acknowledged')));
    expect(acknowledged.map((t) => t.key)).toEqual([
      key('decide', 'remind', 0, DECIDE_DUE),
      key('decide', 'escalate', 1, DECIDE_DUE),
    ]);
    expect(pendingTimers(stateOf(reach('accepted')))).toEqual([]);
    expect(pendingTimers(stateOf(reach('in_progress')))).toEqual([]);
  });

  it('closed, declined, revoked and entered-in-error referrals have no timers', () => {
    for (const status of ['completed', 'declined', 'revoked', 'entered_in_error'] as const) {
      expect(pendingTimers(stateOf(reach(status)))).toEqual([]);
    }
  });
});

describe('reminders and escalation (RemindOverdue, EscalateOverdue)', () => {
  const sent = reach('requested');
  const remindAt = hoursAfter(SENT_AT, 24);

  it('the reminder is sent once per due instant and leaves pendingTimers', () => {
    const reminded = given(referralDecider, ...sent)
      .when(cmd.remind('acknowledge', ACK_DUE), system(remindAt))
      .then({
        type: 'ReferralReminderSent',
        data: {
          referralId: REFERRAL_ID,
          step: 'acknowledge',
          dueAt: ACK_DUE,
          count: 1,
          remindedAt: remindAt,
        },
      });
    expect(reminded.state.steps.acknowledge).toMatchObject({ reminders: 1, remindedDueAt: ACK_DUE });
    expect(pendingTimers(reminded.state).map((t) => t.key)).not.toContain(
      key('acknowledge', 'remind', 0, ACK_DUE),
    );
    // the same timer firing again records nothing
    given(referralDecider, ...sent, ...reminded.events)
      .when(cmd.remind('acknowledge', ACK_DUE), system(hoursAfter(remindAt, 1)))
      .thenNothingHappened();
  });

  it('a timer that fires early decides nothing (and stays pending)', () => {
    given(referralDecider, ...sent)
      .when(cmd.remind('acknowledge', ACK_DUE), system(hoursAfter(remindAt, -1)))
      .thenNothingHappened();
    given(referralDecider, ...sent)
      .when(cmd.escalate('acknowledge', ACK_DUE), system(hoursAfter(ACK_DUE, -1)))
      .thenNothingHappened();
  });

  it('level 1 goes to the receiving institution’s backup focal point and opens the same window again', () => {
    const at = hoursAfter(ACK_DUE, 0);
    const nextDue = hoursAfter(ACK_DUE, 48);
    const escalated = given(referralDecider, ...sent)
      .when(cmd.escalate('acknowledge', ACK_DUE), system(at))
      .then({
        type: 'ReferralEscalated',
        data: {
          referralId: REFERRAL_ID,
          step: 'acknowledge',
          level: 1,
          escalatedTo: 'backup_focal_point',
          receiver: TO,
          dueAt: ACK_DUE,
          nextDueAt: nextDue,
          escalatedAt: at,
        },
      });
    expect(escalated.state.steps.acknowledge).toEqual({
      openedAt: ACK_DUE,
      dueAt: nextDue,
      windowMs: 48 * 3_600_000,
      reminders: 0,
      remindedDueAt: null,
      level: 1,
    });
    expect(pendingTimers(escalated.state).filter((t) => t.step === 'acknowledge')).toEqual([
      expect.objectContaining({ kind: 'remind', level: 1, dueAt: nextDue, fireAt: hoursAfter(ACK_DUE, 24) }),
      expect.objectContaining({ kind: 'escalate', level: 2, dueAt: nextDue, fireAt: nextDue }),
    ]);
  });

  it('level 2 goes to the Secretariat and is the last; reminders count across levels', () => {
    const nextDue = hoursAfter(ACK_DUE, 48);
    const history = run(
      [
        [cmd.remind('acknowledge', ACK_DUE), system(remindAt)],
        [cmd.escalate('acknowledge', ACK_DUE), system(ACK_DUE)],
      ],
      sent,
    );
    const secondReminder = given(referralDecider, ...history).when(
      cmd.remind('acknowledge', nextDue),
      system(hoursAfter(ACK_DUE, 24)),
    ).events;
    expect(secondReminder).toEqual([
      expect.objectContaining({
        type: 'ReferralReminderSent',
        data: expect.objectContaining({ count: 2, dueAt: nextDue }),
      }),
    ]);
    const atLevel2 = given(referralDecider, ...history, ...secondReminder)
      .when(cmd.escalate('acknowledge', nextDue), system(hoursAfter(nextDue, 2)))
      .then({
        type: 'ReferralEscalated',
        data: {
          referralId: REFERRAL_ID,
          step: 'acknowledge',
          level: 2,
          escalatedTo: 'secretariat',
          receiver: TO,
          dueAt: nextDue,
          nextDueAt: null,
          escalatedAt: hoursAfter(nextDue, 2),
        },
      });
    expect(atLevel2.state.steps.acknowledge).toMatchObject({ level: 2, reminders: 2, dueAt: nextDue });
    expect(pendingTimers(atLevel2.state).filter((t) => t.step === 'acknowledge')).toEqual([]);
    // nothing beyond level 2
    const all = [...history, ...secondReminder, ...atLevel2.events];
    given(referralDecider, ...all)
      .when(cmd.escalate('acknowledge', nextDue), system(hoursAfter(nextDue, 3)))
      .thenNothingHappened();
    given(referralDecider, ...all)
      .when(cmd.remind('acknowledge', nextDue), system(hoursAfter(nextDue, 3)))
      .thenNothingHappened();
  });

  it('a stale timer (the due instant moved on) decides nothing', () => {
    const escalated = run([[cmd.escalate('acknowledge', ACK_DUE), system(ACK_DUE)]], sent);
    given(referralDecider, ...escalated)
      .when(cmd.escalate('acknowledge', ACK_DUE), system(hoursAfter(ACK_DUE, 1)))
      .thenNothingHappened();
    given(referralDecider, ...escalated)
      .when(cmd.remind('acknowledge', ACK_DUE), system(hoursAfter(ACK_DUE, 1)))
      .thenNothingHappened();
    given(referralDecider, ...sent)
      .when(cmd.escalate('acknowledge', '2020-07-03T09:00:00.001Z'), system(hoursAfter(ACK_DUE, 1)))
      .thenNothingHappened();
  });

  it('a timer for a step no longer open decides nothing (acknowledged, then decided)', () => {
    given(referralDecider, ...reach('acknowledged'))
      .when(cmd.escalate('acknowledge', ACK_DUE), system(ACK_DUE))
      .thenNothingHappened();
    given(referralDecider, ...reach('accepted'))
      .when(cmd.escalate('decide', DECIDE_DUE), system(DECIDE_DUE))
      .thenNothingHappened();
    given(referralDecider, ...reach('requested'))
      .when(cmd.escalate('withdrawal', ACK_DUE), system(ACK_DUE))
      .thenNothingHappened();
  });

  it('closed, declined, revoked and entered-in-error referrals never escalate nor remind', () => {
    for (const status of ['completed', 'declined', 'revoked', 'entered_in_error'] as const) {
      for (const step of ['acknowledge', 'decide'] as const) {
        const due = step === 'acknowledge' ? ACK_DUE : DECIDE_DUE;
        given(referralDecider, ...reach(status))
          .when(cmd.escalate(step, due), system(due))
          .thenNothingHappened();
        given(referralDecider, ...reach(status))
          .when(cmd.remind(step, due), system(due))
          .thenNothingHappened();
      }
    }
  });

  it('a timer on a referral that does not exist, or is a draft, decides nothing', () => {
    given(referralDecider).when(cmd.escalate('acknowledge', ACK_DUE), system(ACK_DUE)).thenNothingHappened();
    given(referralDecider, ...reach('draft'))
      .when(cmd.remind('decide', DECIDE_DUE), system(DECIDE_DUE))
      .thenNothingHappened();
  });

  it('refuses a malformed timer (422)', () => {
    given(referralDecider, ...sent)
      .when({ ...cmd.escalate('acknowledge', ACK_DUE), step: 'answer' } as never, system(ACK_DUE))
      .thenThrows('referral.invalid_step');
    given(referralDecider, ...sent)
      .when(cmd.escalate('acknowledge', 'tomorrow'), system(ACK_DUE))
      .thenThrows('referral.invalid_instant');
  });

  it('the decide step escalates on its own clock, after the acknowledgement', () => {
    const acknowledged = reach('acknowledged');
    const events = given(referralDecider, ...acknowledged).when(
      cmd.escalate('decide', DECIDE_DUE),
      system(DECIDE_DUE),
    ).events;
    expect(events).toEqual([
      expect.objectContaining({
        type: 'ReferralEscalated',
        data: expect.objectContaining({ step: 'decide', level: 1, nextDueAt: hoursAfter(DECIDE_DUE, 168) }),
      }),
    ]);
  });

  it('every timer key over a whole run is unique', () => {
    const history: ReferralEvent[] = run(
      [
        [cmd.remind('acknowledge', ACK_DUE), system(remindAt)],
        [cmd.escalate('acknowledge', ACK_DUE), system(ACK_DUE)],
        [cmd.acknowledge(), ctx(hoursAfter(ACK_DUE, 1), RECEIVER)],
      ],
      sent,
    );
    const seen = new Set<string>();
    let state = stateOf(sent);
    for (const event of history.slice(sent.length)) {
      for (const t of pendingTimers(state)) seen.add(`${t.key}|${t.fireAt}`);
      state = referralDecider.evolve(state, event);
    }
    const keys = [...seen].map((k) => k.split('|')[0]);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
