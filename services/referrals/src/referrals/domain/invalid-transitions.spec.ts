import { given } from '@crm/decider';
import { ConflictError } from '@crm/kernel';
import type { ReferralTransitionCommandType } from './commands';
import { referralDecider } from './decider';
import type { ReferralEvent } from './events';
import { allowedActions, TRANSITION_COMMAND_TYPES } from './transitions';
import {
  cmd,
  ctx,
  nextAt,
  reach,
  RECEIVER,
  SENDER,
  STATUS_NAMES,
  stateOf,
  TRANSFEREE,
  withPendingTransfer,
  withPendingWithdrawal,
  type StatusName,
} from './test-support';

/** Every command people send, each with a valid payload and sent by the side that owns it. */
const COMMANDS = {
  DraftReferral: [cmd.draft(), SENDER],
  UpdateDraft: [cmd.update(), SENDER],
  SendReferral: [cmd.send(), SENDER],
  RevokeReferral: [cmd.revoke(), SENDER],
  MarkEnteredInError: [cmd.enteredInError(), SENDER],
  AcknowledgeReferral: [cmd.acknowledge(), RECEIVER],
  AcceptReferral: [cmd.accept(), RECEIVER],
  DeclineReferral: [cmd.decline(), RECEIVER],
  ReportFollowUp: [cmd.followUp('follow-up-matrix'), RECEIVER],
  CloseReferral: [cmd.close(), RECEIVER],
  RequestTransfer: [cmd.requestTransfer(), RECEIVER],
  AcceptTransfer: [cmd.acceptTransfer(), TRANSFEREE],
  DeclineTransfer: [cmd.declineTransfer(), TRANSFEREE],
  AcknowledgeConsentWithdrawal: [cmd.acknowledgeWithdrawal(), RECEIVER],
} as const satisfies Record<ReferralTransitionCommandType, readonly [unknown, unknown]>;

const X = 'referral.invalid_transition';
type Row = Record<ReferralTransitionCommandType, string>;
const NOTHING: Row = Object.fromEntries(TRANSITION_COMMAND_TYPES.map((c) => [c, X])) as Row;

/**
 * The full matrix, written out by hand: (status, command) → the event types decided ('+' between two), or
 * the refusal's code. `+transfer`: with a transfer pending.
 */
const MATRIX: Record<StatusName | 'accepted+transfer' | 'in_progress+transfer', Row> = {
  none: { ...NOTHING, DraftReferral: 'ReferralDrafted' },
  draft: {
    ...NOTHING,
    UpdateDraft: 'ReferralDraftUpdated',
    SendReferral: 'ReferralSent',
    MarkEnteredInError: 'ReferralEnteredInError',
  },
  requested: {
    ...NOTHING,
    RevokeReferral: 'ReferralRevoked',
    MarkEnteredInError: 'ReferralEnteredInError',
    AcknowledgeReferral: 'ReferralAcknowledged',
    AcceptReferral: 'ReferralAcknowledged+ReferralAccepted',
    DeclineReferral: 'ReferralDeclined',
  },
  acknowledged: {
    ...NOTHING,
    RevokeReferral: 'ReferralRevoked',
    AcceptReferral: 'ReferralAccepted',
    DeclineReferral: 'ReferralDeclined',
  },
  accepted: {
    ...NOTHING,
    RevokeReferral: 'ReferralRevoked',
    ReportFollowUp: 'ReferralStarted+FollowUpReported',
    CloseReferral: 'ReferralCompleted',
    RequestTransfer: 'TransferRequested',
  },
  in_progress: {
    ...NOTHING,
    RevokeReferral: 'ReferralRevoked',
    ReportFollowUp: 'FollowUpReported',
    CloseReferral: 'ReferralCompleted',
    RequestTransfer: 'TransferRequested',
  },
  'accepted+transfer': {
    ...NOTHING,
    RevokeReferral: 'ReferralRevoked',
    ReportFollowUp: 'ReferralStarted+FollowUpReported',
    AcceptTransfer: 'TransferAccepted',
    DeclineTransfer: 'TransferDeclined',
  },
  'in_progress+transfer': {
    ...NOTHING,
    RevokeReferral: 'ReferralRevoked',
    ReportFollowUp: 'FollowUpReported',
    AcceptTransfer: 'TransferAccepted',
    DeclineTransfer: 'TransferDeclined',
  },
  completed: NOTHING,
  declined: NOTHING,
  revoked: NOTHING,
  entered_in_error: NOTHING,
};
type RowName = keyof typeof MATRIX;

function historyOf(row: RowName): ReferralEvent[] {
  if (row === 'accepted+transfer') return withPendingTransfer('accepted');
  if (row === 'in_progress+transfer') return withPendingTransfer('in_progress');
  return reach(row);
}
function instantAfter(row: RowName): string {
  const base = row.split('+')[0] as StatusName;
  return row.includes('+') ? new Date(Date.parse(nextAt(base)) + 3_600_000).toISOString() : nextAt(base);
}

function check(
  history: ReferralEvent[],
  now: string,
  command: ReferralTransitionCommandType,
  expected: string,
) {
  const [c, actor] = COMMANDS[command];
  const then = given(referralDecider, ...history).when(c, ctx(now, actor));
  if (expected.startsWith('referral.')) {
    const error = then.thenThrows(ConflictError);
    expect(error.code).toBe(expected);
  } else {
    expect(then.events.map((e) => e.type).join('+')).toBe(expected);
  }
}

describe('the referral lifecycle matrix: every status × every command', () => {
  const cells = (Object.keys(MATRIX) as RowName[]).flatMap((row) =>
    TRANSITION_COMMAND_TYPES.map((command) => [row, command, MATRIX[row][command]] as const),
  );

  it.each(cells)('%s, %s → %s', (row, command, expected) => {
    check(historyOf(row), instantAfter(row), command, expected);
  });

  it('covers every status', () => {
    expect(STATUS_NAMES.every((s) => s in MATRIX)).toBe(true);
  });

  describe('with a consent withdrawal pending: only its acknowledgement is added, and a transfer waits for it', () => {
    const afterSending = STATUS_NAMES.filter((s) => s !== 'none' && s !== 'draft');
    const rows = afterSending.flatMap((status) =>
      TRANSITION_COMMAND_TYPES.map((command) => {
        const base = MATRIX[status][command];
        const expected =
          command === 'AcknowledgeConsentWithdrawal'
            ? 'ConsentWithdrawalAcknowledged'
            : command === 'RequestTransfer'
              ? X
              : base;
        return [status, command, expected] as const;
      }),
    );
    it.each(rows)('%s with a pending withdrawal, %s → %s', (status, command, expected) => {
      const history = withPendingWithdrawal(status);
      check(history, new Date(Date.parse(nextAt(status)) + 3_600_000).toISOString(), command, expected);
    });
  });

  it('the refusal names the current status and the actions possible now, with who may do them', () => {
    const error = given(referralDecider, ...reach('acknowledged'))
      .when(cmd.close(), ctx(nextAt('acknowledged'), RECEIVER))
      .thenThrows(X);
    expect(error.text.es).toContain('«Recibida (acuse de recibo)»');
    expect(error.text.es).toContain('aceptar (la institución receptora (GT))');
    expect(error.text.es).toContain('revocar (la institución remitente (HN))');
    expect(error.text.en).toContain('"Acknowledged"');
    expect(error.text.en).toContain('accept (the receiving institution (GT))');
    expect(error.details).toEqual({
      current: 'acknowledged',
      attempted: 'CloseReferral',
      allowed: ['RevokeReferral', 'AcceptReferral', 'DeclineReferral'],
    });
  });

  it('a terminal status says that nothing is possible', () => {
    const error = given(referralDecider, ...reach('completed'))
      .when(cmd.revoke(), ctx(nextAt('completed'), SENDER))
      .thenThrows(X);
    expect(error.text.es).toContain('Acciones posibles ahora: ninguna.');
    expect(error.text.en).toContain('Actions possible now: none.');
  });

  it('a guard says why beyond the status (a transfer pending blocks closing)', () => {
    const history = withPendingTransfer('accepted');
    const error = given(referralDecider, ...history)
      .when(cmd.close(), ctx(instantAfter('accepted+transfer'), RECEIVER))
      .thenThrows(X);
    expect(error.text.es).toContain('hay un traslado pendiente (transfer-1)');
    expect(error.text.en).toContain('a transfer is pending (transfer-1)');
  });

  it('allowedActions of the three sides together are exactly the valid cells of the matrix', () => {
    for (const row of Object.keys(MATRIX) as RowName[]) {
      const state = stateOf(historyOf(row));
      const allowed = new Set([
        ...allowedActions(state, 'sender'),
        ...allowedActions(state, 'receiver'),
        ...allowedActions(state, 'transferee'),
      ]);
      const valid = TRANSITION_COMMAND_TYPES.filter((c) => MATRIX[row][c] !== X);
      expect({ row, allowed: [...allowed].sort() }).toEqual({ row, allowed: [...valid].sort() });
    }
  });
});
