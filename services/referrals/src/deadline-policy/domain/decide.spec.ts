import { given, type DecisionContext } from '@crm/decider';
import { Role } from '@crm/auth';
import { DEFAULT_DEADLINE_POLICY, deadlinesFor } from '../../referrals/domain/deadlines';
import type { DeadlinePolicyCommand } from './commands';
import { DEADLINE_POLICY_ROLE } from './decide';
import { deadlinePolicyDecider } from './decider';
import type { DeadlinePolicyEvent } from './events';
import { effectiveDeadlinePolicy } from './state';
import { deadlinePolicyStreamName, parseDeadlinePolicyStreamName } from './stream';

const COORDINATOR: DecisionContext['actor'] = {
  subject: 'st-coordinator',
  role: 'secretariat_coordinator',
  country: 'ST',
  institution: 'ST-CRM',
};
const NOW = '2020-06-01T00:00:00.000Z';
const at = (actor = COORDINATOR) => ({ now: new Date(NOW), actor });
const POLICY = { acknowledgeWithinHours: 24, decideWithinHours: 72, withdrawalAcknowledgeWithinHours: 12 };
const configure = (policy: unknown = POLICY, pair = { from: 'HN', to: 'GT' }): DeadlinePolicyCommand => ({
  type: 'ConfigureDeadlines',
  ...pair,
  policy: policy as never,
});
const configured: DeadlinePolicyEvent = {
  type: 'DeadlinesConfigured',
  data: {
    from: 'HN',
    to: 'GT',
    policy: POLICY,
    previous: null,
    configuredAt: NOW,
    configuredBy: 'st-coordinator',
  },
};

describe('the referralDeadlinePolicy-<FROM>-<TO> decider', () => {
  it('names one stream per ordered pair of different member countries', () => {
    expect(deadlinePolicyStreamName({ from: 'HN', to: 'GT' })).toBe('referralDeadlinePolicy-HN-GT');
    expect(parseDeadlinePolicyStreamName('referralDeadlinePolicy-GT-HN')).toEqual({ from: 'GT', to: 'HN' });
    expect(parseDeadlinePolicyStreamName('referralDeadlinePolicy-HN-HN')).toBeNull();
    expect(parseDeadlinePolicyStreamName('referralDeadlinePolicy-HN-XX')).toBeNull();
    expect(() => deadlinePolicyStreamName({ from: 'HN', to: 'HN' })).toThrow();
  });

  it('without a configuration the defaults apply (48 h, 168 h, 48 h)', () => {
    expect(effectiveDeadlinePolicy(deadlinePolicyDecider.initialState())).toEqual(DEFAULT_DEADLINE_POLICY);
  });

  it('the Secretariat coordinator configures a pair; its referrals are then due by that policy', () => {
    const state = given(deadlinePolicyDecider).when(configure(), at()).then(configured).state;
    expect(effectiveDeadlinePolicy(state)).toEqual(POLICY);
    expect(deadlinesFor(effectiveDeadlinePolicy(state), '2020-07-01T00:00:00Z')).toEqual({
      acknowledgeBy: '2020-07-02T00:00:00.000Z',
      decideBy: '2020-07-04T00:00:00.000Z',
    });
  });

  it('a change records the policy it replaces; the same policy again records nothing', () => {
    const next = { ...POLICY, decideWithinHours: 96 };
    given(deadlinePolicyDecider, configured)
      .when(configure(next), at())
      .then({
        type: 'DeadlinesConfigured',
        data: {
          from: 'HN',
          to: 'GT',
          policy: next,
          previous: POLICY,
          configuredAt: NOW,
          configuredBy: 'st-coordinator',
        },
      });
    given(deadlinePolicyDecider, configured)
      .when(configure({ ...POLICY }), at())
      .thenNothingHappened();
  });

  it('only the Secretariat coordinator (403)', () => {
    expect(DEADLINE_POLICY_ROLE).toBe(Role.SecretariatCoordinator);
    const others: DecisionContext['actor'][] = [
      { ...COORDINATOR, role: 'secretariat_analyst' },
      { ...COORDINATOR, country: 'HN' },
      { subject: 'hn', role: 'protection_case_worker', country: 'HN' },
      { subject: 'system|referrals-deadlines', role: 'system', country: 'ST' },
    ];
    for (const actor of others) {
      const error = given(deadlinePolicyDecider)
        .when(configure(), at(actor))
        .thenThrows('referral_deadline_policy.forbidden');
      expect(error.text.es).toContain('Secretaría Técnica');
    }
  });

  it('every deadline a whole number of hours from 1 to 720 (422)', () => {
    const bad = [0, 721, 1.5, -4, '24', null, undefined];
    for (const key of [
      'acknowledgeWithinHours',
      'decideWithinHours',
      'withdrawalAcknowledgeWithinHours',
    ] as const) {
      for (const value of bad) {
        const error = given(deadlinePolicyDecider)
          .when(configure({ ...POLICY, [key]: value }), at())
          .thenThrows('referral_deadline_policy.invalid_hours');
        expect(error.details.field).toBe(key);
      }
    }
    const edges = {
      acknowledgeWithinHours: 1,
      decideWithinHours: 720,
      withdrawalAcknowledgeWithinHours: 720,
    };
    expect(given(deadlinePolicyDecider).when(configure(edges), at()).events).toHaveLength(1);
    given(deadlinePolicyDecider)
      .when(configure(null), at())
      .thenThrows('referral_deadline_policy.invalid_hours');
  });

  it('the decision cannot be due before the acknowledgement (422)', () => {
    given(deadlinePolicyDecider)
      .when(configure({ ...POLICY, acknowledgeWithinHours: 96, decideWithinHours: 72 }), at())
      .thenThrows('referral_deadline_policy.decide_before_acknowledge');
  });

  it('the pair must be two member countries, and the stream’s (422)', () => {
    given(deadlinePolicyDecider)
      .when(configure(POLICY, { from: 'HN', to: 'HN' }), at())
      .thenThrows('referral_deadline_policy.invalid_pair');
    given(deadlinePolicyDecider)
      .when(configure(POLICY, { from: 'ST', to: 'HN' }), at())
      .thenThrows('referral_deadline_policy.invalid_pair');
    given(deadlinePolicyDecider, configured)
      .when(configure(POLICY, { from: 'GT', to: 'HN' }), at())
      .thenThrows('referral_deadline_policy.pair_mismatch');
  });
});
