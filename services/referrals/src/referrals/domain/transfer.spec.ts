import { given } from '@crm/decider';
import { ConflictError } from '@crm/kernel';
import { referralDecider } from './decider';
import { pendingTimers } from './timers';
import { allowedActions } from './transitions';
import {
  cmd,
  ctx,
  hoursAfter,
  nextAt,
  reach,
  RECEIVER,
  REFERRAL_ID,
  run,
  SENDER,
  stateOf,
  SYSTEM,
  TO,
  TRANSFER_ID,
  TRANSFER_TO,
  TRANSFEREE,
  withPendingTransfer,
} from './test-support';

describe('transfers: the receiver proposes, the transferee accepts or declines', () => {
  const inProgress = reach('in_progress');
  const at = nextAt('in_progress');
  const later = hoursAfter(at, 1);

  it('the receiver requests a transfer to a third country’s institution, with the still-shared categories', () => {
    const state = given(referralDecider, ...inProgress)
      .when(cmd.requestTransfer(), ctx(at, RECEIVER))
      .then({
        type: 'TransferRequested',
        data: {
          referralId: REFERRAL_ID,
          transferId: TRANSFER_ID,
          from: TO,
          to: TRANSFER_TO,
          reason: 'child_moved',
          note: null,
          categories: ['identity', 'family', 'health'],
          requestedAt: at,
          requestedBy: 'gt-officer',
        },
      }).state;
    expect(state.status).toBe('in_progress');
    expect(state.pendingTransfer?.transferId).toBe(TRANSFER_ID);
    expect(allowedActions(state, 'transferee')).toEqual(['AcceptTransfer', 'DeclineTransfer']);
    expect(allowedActions(state, 'receiver')).toEqual(['ReportFollowUp']);
  });

  it('the target must be a third country: not the receiver’s own, not the sender’s (422)', () => {
    const own = given(referralDecider, ...inProgress)
      .when(cmd.requestTransfer({ to: { country: 'GT', institutionId: 'GT-SBS' } }), ctx(at, RECEIVER))
      .thenThrows('referral.invalid_transfer_target');
    expect(own.text.en).toContain('Guatemala is already the receiving country');
    const back = given(referralDecider, ...inProgress)
      .when(cmd.requestTransfer({ to: { country: 'HN', institutionId: 'HN-DINAF' } }), ctx(at, RECEIVER))
      .thenThrows('referral.invalid_transfer_target');
    expect(back.text.es).toContain('no puede ir al país remitente (Honduras)');
  });

  it('on acceptance the transferee becomes the receiver; the previous receiver is recorded', () => {
    const pending = withPendingTransfer('in_progress');
    const state = given(referralDecider, ...pending)
      .when(cmd.acceptTransfer(), ctx(later, TRANSFEREE))
      .then({
        type: 'TransferAccepted',
        data: {
          referralId: REFERRAL_ID,
          transferId: TRANSFER_ID,
          previousReceiver: TO,
          receiver: TRANSFER_TO,
          categories: ['identity', 'family', 'health'],
          acceptedAt: later,
          acceptedBy: 'mx-officer',
        },
      }).state;
    expect(state.status).toBe('accepted');
    expect(state.to).toEqual(TRANSFER_TO);
    expect(state.previousReceivers).toEqual([{ ...TO, transferId: TRANSFER_ID, until: later }]);
    expect(state.pendingTransfer).toBeNull();
    expect(pendingTimers(state)).toEqual([]);
    // responsibility moved: the new receiver reports and closes; the previous one may not
    const after = given(
      referralDecider,
      ...pending,
      ...given(referralDecider, ...pending).when(cmd.acceptTransfer(), ctx(later, TRANSFEREE)).events,
    );
    expect(
      after.when(cmd.followUp('mx-1'), ctx(hoursAfter(later, 1), TRANSFEREE)).events.map((e) => e.type),
    ).toEqual(['ReferralStarted', 'FollowUpReported']);
    after.when(cmd.close(), ctx(hoursAfter(later, 1), RECEIVER)).thenThrows('referral.wrong_side');
  });

  it('on decline nothing moves and the receiver may propose again', () => {
    const pending = withPendingTransfer('accepted');
    const declined = given(referralDecider, ...pending)
      .when(cmd.declineTransfer(), ctx(hoursAfter(nextAt('accepted'), 1), TRANSFEREE))
      .then({
        type: 'TransferDeclined',
        data: {
          referralId: REFERRAL_ID,
          transferId: TRANSFER_ID,
          reason: 'no_capacity',
          note: null,
          declinedAt: hoursAfter(nextAt('accepted'), 1),
          declinedBy: 'mx-officer',
        },
      });
    expect(declined.state.to).toEqual(TO);
    expect(declined.state.status).toBe('accepted');
    expect(declined.state.pendingTransfer).toBeNull();
    expect(declined.state.previousReceivers).toEqual([]);
    expect(allowedActions(declined.state, 'receiver')).toContain('RequestTransfer');
  });

  it('answering another transfer than the pending one is refused (409 referral.transfer_mismatch)', () => {
    const pending = withPendingTransfer('accepted');
    for (const command of [cmd.acceptTransfer('transfer-9'), cmd.declineTransfer('transfer-9')]) {
      const error = given(referralDecider, ...pending)
        .when(command, ctx(hoursAfter(nextAt('accepted'), 1), TRANSFEREE))
        .thenThrows('referral.transfer_mismatch');
      expect(error).toBeInstanceOf(ConflictError);
    }
  });

  it('a transfer carries only the still-covered categories', () => {
    const withdrawn = run(
      [[cmd.notifyWithdrawal(at, { categories: ['health', 'family'] }), ctx(at, SYSTEM)]],
      inProgress,
    );
    const acknowledged = run([[cmd.acknowledgeWithdrawal(), ctx(later, RECEIVER)]], withdrawn);
    const [requested] = given(referralDecider, ...acknowledged).when(
      cmd.requestTransfer(),
      ctx(hoursAfter(later, 1), RECEIVER),
    ).events;
    expect(requested?.data).toMatchObject({ categories: ['identity'] });
  });

  it('a withdrawal during a pending transfer: the transferee waits for its acknowledgement, then receives less', () => {
    const pending = withPendingTransfer('in_progress');
    const withdrawn = run(
      [[cmd.notifyWithdrawal(later, { categories: ['family'] }), ctx(later, SYSTEM)]],
      pending,
    );
    const blocked = given(referralDecider, ...withdrawn)
      .when(cmd.acceptTransfer(), ctx(hoursAfter(later, 1), TRANSFEREE))
      .thenThrows('referral.invalid_transition');
    expect(blocked.text.en).toContain('must first acknowledge the pending consent withdrawal');
    const acknowledged = run([[cmd.acknowledgeWithdrawal(), ctx(hoursAfter(later, 1), RECEIVER)]], withdrawn);
    const [accepted] = given(referralDecider, ...acknowledged).when(
      cmd.acceptTransfer(),
      ctx(hoursAfter(later, 2), TRANSFEREE),
    ).events;
    expect(accepted?.data).toMatchObject({ categories: ['identity', 'health'] });
    expect(stateOf([...acknowledged, accepted!]).sharedCategories).toEqual(['identity', 'health']);
  });

  it('with no category left to share the transfer is refused (409 referral.nothing_left_to_share)', () => {
    const all = run(
      [
        [cmd.notifyWithdrawal(at, { categories: ['identity', 'family', 'health'] }), ctx(at, SYSTEM)],
        [cmd.acknowledgeWithdrawal(), ctx(later, RECEIVER)],
      ],
      inProgress,
    );
    const error = given(referralDecider, ...all)
      .when(cmd.requestTransfer(), ctx(hoursAfter(later, 1), RECEIVER))
      .thenThrows('referral.nothing_left_to_share');
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.text.es).toContain(
      'el consentimiento ya no cubre ninguna de las categorías de datos compartidas',
    );
    expect(error.text.en).toContain('obtain a new consent and create a new referral');
    expect(allowedActions(stateOf(all), 'receiver')).not.toContain('RequestTransfer');
  });

  it('the categories withdrawn while the transfer was pending leave nothing: the acceptance is refused', () => {
    const pending = withPendingTransfer('in_progress');
    const all = run(
      [
        [cmd.notifyWithdrawal(later, { categories: ['identity', 'family', 'health'] }), ctx(later, SYSTEM)],
        [cmd.acknowledgeWithdrawal(), ctx(hoursAfter(later, 1), RECEIVER)],
      ],
      pending,
    );
    given(referralDecider, ...all)
      .when(cmd.acceptTransfer(), ctx(hoursAfter(later, 2), TRANSFEREE))
      .thenThrows('referral.nothing_left_to_share');
    // declining it is still possible
    expect(
      given(referralDecider, ...all).when(cmd.declineTransfer(), ctx(hoursAfter(later, 2), TRANSFEREE))
        .events,
    ).toHaveLength(1);
  });

  it('revoking the referral lets the pending transfer lapse', () => {
    const pending = withPendingTransfer('accepted');
    const state = given(referralDecider, ...pending).when(
      cmd.revoke(),
      ctx(hoursAfter(nextAt('accepted'), 1), SENDER),
    ).state;
    expect(state.status).toBe('revoked');
    expect(state.pendingTransfer).toBeNull();
  });
});
