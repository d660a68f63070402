import {
  fhirTaskStatus,
  isReferralStatus,
  isTerminal,
  REFERRAL_STATUS_CODES,
  REFERRAL_STATUSES,
  statusLabel,
  TERMINAL_STATUSES,
} from './status';
import { allowedActions } from './transitions';
import { reach, stateOf, withPendingTransfer, withPendingWithdrawal } from './test-support';

describe('referral statuses', () => {
  it('are the nine codes, each with es/en labels', () => {
    expect(REFERRAL_STATUS_CODES).toEqual([
      'draft',
      'requested',
      'acknowledged',
      'accepted',
      'in_progress',
      'completed',
      'declined',
      'revoked',
      'entered_in_error',
    ]);
    for (const code of REFERRAL_STATUS_CODES) {
      expect(REFERRAL_STATUSES[code].label.es.trim()).not.toBe('');
      expect(REFERRAL_STATUSES[code].label.en.trim()).not.toBe('');
    }
    expect(statusLabel('in_progress')).toEqual({ es: 'En atención', en: 'In progress' });
    expect(statusLabel(null)).toEqual({ es: 'sin referencia', en: 'no referral' });
    expect(isReferralStatus('accepted')).toBe(true);
    expect(isReferralStatus('rejected')).toBe(false);
  });

  it('map to the HL7 FHIR Task statuses', () => {
    expect(Object.fromEntries(REFERRAL_STATUS_CODES.map((s) => [s, fhirTaskStatus(s)]))).toEqual({
      draft: 'draft',
      requested: 'requested',
      acknowledged: 'received',
      accepted: 'accepted',
      in_progress: 'in-progress',
      completed: 'completed',
      declined: 'rejected',
      revoked: 'cancelled',
      entered_in_error: 'entered-in-error',
    });
  });

  it('four are terminal', () => {
    expect(TERMINAL_STATUSES).toEqual(['completed', 'declined', 'revoked', 'entered_in_error']);
    expect(isTerminal(null)).toBe(false);
    expect(isTerminal('in_progress')).toBe(false);
  });
});

describe('allowedActions(state, side): what each side may send now', () => {
  it('per side, along the lifecycle', () => {
    expect(allowedActions(stateOf(reach('none')), 'sender')).toEqual(['DraftReferral']);
    expect(allowedActions(stateOf(reach('draft')), 'sender')).toEqual([
      'UpdateDraft',
      'SendReferral',
      'MarkEnteredInError',
    ]);
    expect(allowedActions(stateOf(reach('draft')), 'receiver')).toEqual([]);
    expect(allowedActions(stateOf(reach('requested')), 'sender')).toEqual([
      'RevokeReferral',
      'MarkEnteredInError',
    ]);
    expect(allowedActions(stateOf(reach('requested')), 'receiver')).toEqual([
      'AcknowledgeReferral',
      'AcceptReferral',
      'DeclineReferral',
    ]);
    expect(allowedActions(stateOf(reach('in_progress')), 'sender')).toEqual([
      'RevokeReferral',
      'ReportFollowUp',
    ]);
    expect(allowedActions(stateOf(reach('in_progress')), 'receiver')).toEqual([
      'ReportFollowUp',
      'CloseReferral',
      'RequestTransfer',
    ]);
    expect(allowedActions(stateOf(reach('in_progress')), 'transferee')).toEqual([]);
    expect(allowedActions(stateOf(withPendingTransfer('in_progress')), 'transferee')).toEqual([
      'AcceptTransfer',
      'DeclineTransfer',
    ]);
    expect(allowedActions(stateOf(withPendingWithdrawal('completed')), 'receiver')).toEqual([
      'AcknowledgeConsentWithdrawal',
    ]);
    expect(allowedActions(stateOf(reach('completed')), 'receiver')).toEqual([]);
  });

  it('no side (the Secretariat, a third country, the system) has none', () => {
    expect(allowedActions(stateOf(reach('requested')), null)).toEqual([]);
  });
});
