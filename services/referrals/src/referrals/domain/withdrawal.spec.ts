import { given } from '@crm/decider';
import { referralDecider } from './decider';
import { stillShared } from './consent';
import { pendingTimers } from './timers';
import {
  CONSENT_ID,
  cmd,
  ctx,
  hoursAfter,
  nextAt,
  reach,
  RECEIVER,
  REFERRAL_ID,
  run,
  SENDER,
  SENT_AT,
  stateOf,
  SYSTEM,
  TO,
} from './test-support';

describe('consent withdrawal on a referral', () => {
  const accepted = reach('accepted'); // shared: identity, family, health under consent-1
  const at = nextAt('accepted');
  const due = hoursAfter(at, 48);
  const system = (when: string) => ctx(when, SYSTEM);

  it('the system notifies: the withdrawn categories grow and a withdrawal step opens', () => {
    const notified = given(referralDecider, ...accepted)
      .when(cmd.notifyWithdrawal(at, { categories: ['narrative', 'health'] }), system(at))
      .then({
        type: 'ConsentWithdrawalNotified',
        data: {
          referralId: REFERRAL_ID,
          consentId: CONSENT_ID,
          categories: ['health'],
          acknowledgeBy: due,
          notifiedAt: at,
        },
      });
    const state = notified.state;
    expect(state.withdrawnCategories).toEqual(['health']);
    expect(stillShared(state)).toEqual(['identity', 'family']);
    expect(state.pendingWithdrawals).toEqual([
      { consentId: CONSENT_ID, categories: ['health'], notifiedAt: at, acknowledgeBy: due },
    ]);
    expect(state.steps.withdrawal).toMatchObject({ openedAt: at, dueAt: due, level: 0 });
    expect(pendingTimers(state).map((t) => [t.step, t.kind, t.level, t.fireAt])).toEqual([
      ['withdrawal', 'remind', 0, hoursAfter(at, 24)],
      ['withdrawal', 'escalate', 1, due],
    ]);
  });

  it('nothing is recorded when the basis does not include that consent, or nothing still shared is concerned', () => {
    given(referralDecider, ...accepted)
      .when(cmd.notifyWithdrawal(at, { consentId: 'consent-other' }), system(at))
      .thenNothingHappened();
    given(referralDecider, ...accepted)
      .when(cmd.notifyWithdrawal(at, { categories: ['narrative', 'assessments'] }), system(at))
      .thenNothingHappened();
    given(referralDecider, ...reach('draft'))
      .when(cmd.notifyWithdrawal(at), system(at))
      .thenNothingHappened();
    given(referralDecider).when(cmd.notifyWithdrawal(at), system(at)).thenNothingHappened();
    const notified = run([[cmd.notifyWithdrawal(at), system(at)]], accepted);
    given(referralDecider, ...notified)
      .when(cmd.notifyWithdrawal(hoursAfter(at, 1)), system(hoursAfter(at, 1)))
      .thenNothingHappened();
  });

  it('nothing is recorded for a referral sent under an override', () => {
    const override = run([
      [cmd.draft(), ctx(SENT_AT, SENDER)],
      [
        cmd.send({
          consent: {
            kind: 'override',
            reason: 'imminent_risk',
            authorisedBy: 'protection_supervisor',
          },
        }),
        ctx(SENT_AT, SENDER),
      ],
    ]);
    given(referralDecider, ...override)
      .when(cmd.notifyWithdrawal(at), system(at))
      .thenNothingHappened();
  });

  it('the receiver acknowledges every pending withdrawal at once; the step and its timers go', () => {
    const later = hoursAfter(at, 2);
    const twice = run(
      [
        [cmd.notifyWithdrawal(at), system(at)],
        [
          cmd.notifyWithdrawal(hoursAfter(at, 1), { categories: ['family', 'health'] }),
          system(hoursAfter(at, 1)),
        ],
      ],
      accepted,
    );
    const state = stateOf(twice);
    expect(state.pendingWithdrawals.map((w) => w.categories)).toEqual([['health'], ['family']]);
    expect(state.steps.withdrawal?.dueAt).toBe(due); // the earlier deadline stands
    const acknowledged = given(referralDecider, ...twice)
      .when(cmd.acknowledgeWithdrawal(), ctx(later, RECEIVER))
      .then({
        type: 'ConsentWithdrawalAcknowledged',
        data: {
          referralId: REFERRAL_ID,
          consentIds: [CONSENT_ID],
          categories: ['health', 'family'],
          acknowledgedAt: later,
          acknowledgedBy: 'gt-officer',
        },
      }).state;
    expect(acknowledged.pendingWithdrawals).toEqual([]);
    expect(acknowledged.steps.withdrawal).toBeNull();
    expect(acknowledged.withdrawnCategories).toEqual(['health', 'family']);
    expect(pendingTimers(acknowledged)).toEqual([]);
  });

  it('the withdrawal step escalates like the others: level 1, then level 2, then nothing', () => {
    const notified = run([[cmd.notifyWithdrawal(at), system(at)]], accepted);
    const level1 = given(referralDecider, ...notified)
      .when(cmd.escalate('withdrawal', due), system(due))
      .then({
        type: 'ReferralEscalated',
        data: {
          referralId: REFERRAL_ID,
          step: 'withdrawal',
          level: 1,
          escalatedTo: 'backup_focal_point',
          receiver: TO,
          dueAt: due,
          nextDueAt: hoursAfter(due, 48),
          escalatedAt: due,
        },
      });
    const second = hoursAfter(due, 48);
    const level2 = given(referralDecider, ...notified, ...level1.events)
      .when(cmd.escalate('withdrawal', second), system(second))
      .then({
        type: 'ReferralEscalated',
        data: {
          referralId: REFERRAL_ID,
          step: 'withdrawal',
          level: 2,
          escalatedTo: 'secretariat',
          receiver: TO,
          dueAt: second,
          nextDueAt: null,
          escalatedAt: second,
        },
      });
    expect(pendingTimers(level2.state)).toEqual([]);
    // the receiver can still acknowledge after the escalation; a late timer then decides nothing
    const all = run(
      [[cmd.acknowledgeWithdrawal(), ctx(hoursAfter(second, 1), RECEIVER)]],
      [...notified, ...level1.events, ...level2.events],
    );
    given(referralDecider, ...all)
      .when(cmd.escalate('withdrawal', second), system(hoursAfter(second, 2)))
      .thenNothingHappened();
  });

  it('a closed referral is notified (the receiver holds the data) but never chased', () => {
    const completed = reach('completed');
    const when = nextAt('completed');
    const notified = given(referralDecider, ...completed).when(cmd.notifyWithdrawal(when), system(when));
    expect(notified.events.map((e) => e.type)).toEqual(['ConsentWithdrawalNotified']);
    expect(pendingTimers(notified.state)).toEqual([]);
    const dueAt = notified.state.steps.withdrawal!.dueAt;
    given(referralDecider, ...completed, ...notified.events)
      .when(cmd.escalate('withdrawal', dueAt), system(dueAt))
      .thenNothingHappened();
    given(referralDecider, ...completed, ...notified.events)
      .when(cmd.remind('withdrawal', dueAt), system(dueAt))
      .thenNothingHappened();
    expect(
      given(referralDecider, ...completed, ...notified.events).when(
        cmd.acknowledgeWithdrawal(),
        ctx(dueAt, RECEIVER),
      ).events,
    ).toHaveLength(1);
  });

  it('refuses a malformed notice (422)', () => {
    given(referralDecider, ...accepted)
      .when(cmd.notifyWithdrawal(at, { acknowledgeBy: at }), system(at))
      .thenThrows('referral.invalid_deadline');
    given(referralDecider, ...accepted)
      .when(cmd.notifyWithdrawal(at, { categories: [] }), system(at))
      .thenThrows('referral.invalid_categories');
    given(referralDecider, ...accepted)
      .when(cmd.notifyWithdrawal(at, { consentId: '' }), system(at))
      .thenThrows('referral.invalid_identifier');
  });
});
