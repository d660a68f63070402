import { given } from '@crm/decider';
import { referralDecider } from './decider';
import type { ReferralEvent } from './events';
import {
  CASE_ID,
  CONSENT_ID,
  cmd,
  ctx,
  DEADLINES,
  FROM,
  nextAt,
  note as referralNote,
  reach,
  RECEIVER,
  REFERRAL_ID,
  SENDER,
  SENT_AT,
  stateOf,
  T0,
  TO,
} from './test-support';

/** Every valid transition of the lifecycle, with the exact events decided and the state they lead to. */
describe('the referral-<referralId> decider: valid transitions', () => {
  const drafted: ReferralEvent = {
    type: 'ReferralDrafted',
    data: {
      referralId: REFERRAL_ID,
      caseId: CASE_ID,
      from: FROM,
      to: TO,
      servicesRequested: ['psychosocial', 'family_tracing'],
      categories: ['identity', 'family', 'health'],
      urgency: 'urgent',
      draftedAt: T0,
      draftedBy: 'hn-officer',
    },
  };

  it('(none) → draft: the sender drafts; services and categories are kept in vocabulary order, once each', () => {
    given(referralDecider)
      .when(
        cmd.draft({
          servicesRequested: ['family_tracing', 'psychosocial', 'family_tracing'],
          categories: ['health', 'identity', 'family'],
        }),
        ctx(T0, SENDER),
      )
      .then(drafted);
    const state = stateOf([drafted]);
    expect(state.status).toBe('draft');
    expect(state.from).toEqual(FROM);
    expect(state.to).toEqual(TO);
    expect(state.sharedCategories).toEqual([]);
    expect(state.steps).toEqual({ acknowledge: null, decide: null, withdrawal: null });
  });

  it('draft → draft: the sender amends the draft; the event carries the whole draft', () => {
    const at = nextAt('draft');
    given(referralDecider, drafted)
      .when(
        cmd.update({ to: { country: 'SV', institutionId: 'SV-CONNA' }, categories: ['identity'] }),
        ctx(at, SENDER),
      )
      .then({
        type: 'ReferralDraftUpdated',
        data: {
          referralId: REFERRAL_ID,
          to: { country: 'SV', institutionId: 'SV-CONNA' },
          servicesRequested: ['psychosocial', 'family_tracing'],
          categories: ['identity'],
          urgency: 'urgent',
          updatedAt: at,
          updatedBy: 'hn-officer',
        },
      })
      .thenState({
        ...stateOf([drafted]),
        to: { country: 'SV', institutionId: 'SV-CONNA' },
        categories: ['identity'],
        updatedAt: at,
      });
  });

  it('draft → draft: an amendment that changes nothing records nothing', () => {
    given(referralDecider, drafted)
      .when(
        cmd.update({ urgency: 'urgent', categories: ['family', 'identity', 'health'] }),
        ctx(nextAt('draft'), SENDER),
      )
      .thenNothingHappened();
  });

  it('draft → requested: the sender sends; the basis, the shared and the withheld categories are recorded', () => {
    const state = given(referralDecider, drafted)
      .when(
        cmd.send({
          consent: { kind: 'consent', consentIds: [CONSENT_ID, CONSENT_ID], covered: ['family', 'identity'] },
        }),
        ctx(SENT_AT, SENDER),
      )
      .then({
        type: 'ReferralSent',
        data: {
          referralId: REFERRAL_ID,
          basis: { kind: 'consent', consentIds: [CONSENT_ID], covered: ['identity', 'family'] },
          sharedCategories: ['identity', 'family'],
          withheldCategories: ['health'],
          acknowledgeBy: DEADLINES.acknowledgeBy,
          decideBy: DEADLINES.decideBy,
          sentAt: SENT_AT,
          sentBy: 'hn-officer',
        },
      }).state;
    expect(state.status).toBe('requested');
    expect(state.steps.acknowledge).toEqual({
      openedAt: SENT_AT,
      dueAt: DEADLINES.acknowledgeBy,
      windowMs: 48 * 3_600_000,
      reminders: 0,
      remindedDueAt: null,
      level: 0,
    });
    expect(state.steps.decide?.dueAt).toBe(DEADLINES.decideBy);
  });

  it('draft → entered_in_error and requested → entered_in_error: the sender marks it', () => {
    for (const status of ['draft', 'requested'] as const) {
      const at = nextAt(status);
      const state = given(referralDecider, ...reach(status))
        .when(cmd.enteredInError(), ctx(at, SENDER))
        .then({
          type: 'ReferralEnteredInError',
          data: {
            referralId: REFERRAL_ID,
            reason: 'wrong_case',
            note: null,
            previousStatus: status,
            markedAt: at,
            markedBy: 'hn-officer',
          },
        }).state;
      expect(state.status).toBe('entered_in_error');
      expect(state.steps).toEqual({ acknowledge: null, decide: null, withdrawal: null });
    }
  });

  it('requested, acknowledged, accepted, in_progress → revoked: the sender revokes (FHIR cancelled) with a reason code and an encrypted note', () => {
    const note = referralNote();
    for (const status of ['requested', 'acknowledged', 'accepted', 'in_progress'] as const) {
      const at = nextAt(status);
      const state = given(referralDecider, ...reach(status))
        .when({ ...cmd.revoke(), reason: 'other', note } as never, ctx(at, SENDER))
        .then({
          type: 'ReferralRevoked',
          data: {
            referralId: REFERRAL_ID,
            reason: 'other',
            note,
            previousStatus: status,
            revokedAt: at,
            revokedBy: 'hn-officer',
          },
        }).state;
      expect(state.status).toBe('revoked');
      expect(state.steps.acknowledge).toBeNull();
      expect(state.steps.decide).toBeNull();
    }
  });

  it('requested → acknowledged: the receiver acknowledges; the acknowledge step closes, the decide step stays', () => {
    const at = nextAt('requested');
    const state = given(referralDecider, ...reach('requested'))
      .when(cmd.acknowledge(), ctx(at, RECEIVER))
      .then({
        type: 'ReferralAcknowledged',
        data: { referralId: REFERRAL_ID, acknowledgedAt: at, acknowledgedBy: 'gt-officer' },
      }).state;
    expect(state.status).toBe('acknowledged');
    expect(state.steps.acknowledge).toBeNull();
    expect(state.steps.decide?.dueAt).toBe(DEADLINES.decideBy);
  });

  it('acknowledged → accepted: the receiver accepts; no step is left open', () => {
    const at = nextAt('acknowledged');
    const state = given(referralDecider, ...reach('acknowledged'))
      .when(cmd.accept(), ctx(at, RECEIVER))
      .then({
        type: 'ReferralAccepted',
        data: { referralId: REFERRAL_ID, acceptedAt: at, acceptedBy: 'gt-officer' },
      }).state;
    expect(state.status).toBe('accepted');
    expect(state.steps).toEqual({ acknowledge: null, decide: null, withdrawal: null });
  });

  it('requested → accepted: accepting straight away records the acknowledgement and the acceptance', () => {
    const at = nextAt('requested');
    const state = given(referralDecider, ...reach('requested'))
      .when(cmd.accept(), ctx(at, RECEIVER))
      .then(
        {
          type: 'ReferralAcknowledged',
          data: { referralId: REFERRAL_ID, acknowledgedAt: at, acknowledgedBy: 'gt-officer' },
        },
        {
          type: 'ReferralAccepted',
          data: { referralId: REFERRAL_ID, acceptedAt: at, acceptedBy: 'gt-officer' },
        },
      ).state;
    expect(state.status).toBe('accepted');
    expect(state.steps).toEqual({ acknowledge: null, decide: null, withdrawal: null });
  });

  it('requested and acknowledged → declined: the receiver declines with a reason code and an encrypted note', () => {
    const note = referralNote();
    for (const status of ['requested', 'acknowledged'] as const) {
      const at = nextAt(status);
      const state = given(referralDecider, ...reach(status))
        .when({ ...cmd.decline(), reason: 'outside_mandate', note } as never, ctx(at, RECEIVER))
        .then({
          type: 'ReferralDeclined',
          data: {
            referralId: REFERRAL_ID,
            reason: 'outside_mandate',
            note,
            declinedAt: at,
            declinedBy: 'gt-officer',
          },
        }).state;
      expect(state.status).toBe('declined');
      expect(state.declineReason).toBe('outside_mandate');
      expect(state.steps).toEqual({ acknowledge: null, decide: null, withdrawal: null });
    }
  });

  it('accepted → in_progress: the receiver’s first follow-up starts the work', () => {
    const at = nextAt('accepted');
    const state = given(referralDecider, ...reach('accepted'))
      .when(cmd.followUp(), ctx(at, RECEIVER))
      .then(
        {
          type: 'ReferralStarted',
          data: {
            referralId: REFERRAL_ID,
            followUpId: 'follow-up-1',
            startedAt: at,
            startedBy: 'gt-officer',
          },
        },
        {
          type: 'FollowUpReported',
          data: {
            referralId: REFERRAL_ID,
            followUpId: 'follow-up-1',
            side: 'receiver',
            services: ['psychosocial'],
            status: 'provided',
            note: null,
            reportedAt: at,
            reportedBy: 'gt-officer',
          },
        },
      ).state;
    expect(state.status).toBe('in_progress');
    expect(state.followUps.map((f) => f.followUpId)).toEqual(['follow-up-1']);
  });

  it('accepted → accepted: the sender’s follow-up is recorded but does not start the work', () => {
    const at = nextAt('accepted');
    const state = given(referralDecider, ...reach('accepted'))
      .when(
        { ...cmd.followUp('hn-1'), status: 'planned', services: ['documentation'] } as never,
        ctx(at, SENDER),
      )
      .then({
        type: 'FollowUpReported',
        data: {
          referralId: REFERRAL_ID,
          followUpId: 'hn-1',
          side: 'sender',
          services: ['documentation'],
          status: 'planned',
          note: null,
          reportedAt: at,
          reportedBy: 'hn-officer',
        },
      }).state;
    expect(state.status).toBe('accepted');
  });

  it('in_progress → in_progress: further follow-ups by either side; the same follow-up again records nothing', () => {
    const history = reach('in_progress');
    const at = nextAt('in_progress');
    for (const actor of [SENDER, RECEIVER]) {
      const events = given(referralDecider, ...history).when(
        cmd.followUp(`f-${actor.country}`),
        ctx(at, actor),
      ).events;
      expect(events.map((e) => e.type)).toEqual(['FollowUpReported']);
    }
    given(referralDecider, ...history)
      .when(cmd.followUp('follow-up-1'), ctx(at, RECEIVER))
      .thenNothingHappened();
    const error = given(referralDecider, ...history)
      .when({ ...cmd.followUp('follow-up-1'), status: 'not_available' } as never, ctx(at, RECEIVER))
      .thenThrows('referral.follow_up_exists');
    expect(error.text.es).toContain('follow-up-1');
  });

  it('accepted and in_progress → completed: the receiver closes with an outcome', () => {
    for (const status of ['accepted', 'in_progress'] as const) {
      const at = nextAt(status);
      const state = given(referralDecider, ...reach(status))
        .when(cmd.close(), ctx(at, RECEIVER))
        .then({
          type: 'ReferralCompleted',
          data: { referralId: REFERRAL_ID, outcome: 'reunified', completedAt: at, completedBy: 'gt-officer' },
        }).state;
      expect(state.status).toBe('completed');
      expect(state.outcome).toBe('reunified');
    }
  });
});
