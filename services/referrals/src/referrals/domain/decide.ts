import { ValidationError } from '@crm/kernel';
import type { DecisionContext } from '@crm/decider';
import type { ReferralCommand } from './commands';
import {
  acceptReferral,
  acknowledgeReferral,
  closeReferral,
  declineReferral,
  reportFollowUp,
} from './decide-answer';
import { escalateOverdue, remindOverdue } from './decide-deadlines';
import {
  draftReferral,
  markEnteredInError,
  revokeReferral,
  sendReferral,
  updateDraft,
} from './decide-sending';
import { acceptTransfer, declineTransfer, requestTransfer } from './decide-transfer';
import { acknowledgeConsentWithdrawal, notifyConsentWithdrawal } from './decide-withdrawal';
import type { ReferralEvent } from './events';
import type { ReferralState } from './state';

/**
 * Decides a referral command: one function per command (decide-sending, decide-answer, decide-transfer,
 * decide-deadlines, decide-withdrawal); the compiler checks that every command has its case.
 */
export function decideReferral(
  command: ReferralCommand,
  state: ReferralState,
  context: DecisionContext,
): ReferralEvent[] {
  switch (command.type) {
    case 'DraftReferral':
      return draftReferral(command, state, context);
    case 'UpdateDraft':
      return updateDraft(command, state, context);
    case 'SendReferral':
      return sendReferral(command, state, context);
    case 'RevokeReferral':
      return revokeReferral(command, state, context);
    case 'MarkEnteredInError':
      return markEnteredInError(command, state, context);
    case 'AcknowledgeReferral':
      return acknowledgeReferral(command, state, context);
    case 'AcceptReferral':
      return acceptReferral(command, state, context);
    case 'DeclineReferral':
      return declineReferral(command, state, context);
    case 'ReportFollowUp':
      return reportFollowUp(command, state, context);
    case 'CloseReferral':
      return closeReferral(command, state, context);
    case 'RequestTransfer':
      return requestTransfer(command, state, context);
    case 'AcceptTransfer':
      return acceptTransfer(command, state, context);
    case 'DeclineTransfer':
      return declineTransfer(command, state, context);
    case 'AcknowledgeConsentWithdrawal':
      return acknowledgeConsentWithdrawal(command, state, context);
    case 'RemindOverdue':
      return remindOverdue(command, state, context);
    case 'EscalateOverdue':
      return escalateOverdue(command, state, context);
    case 'NotifyConsentWithdrawal':
      return notifyConsentWithdrawal(command, state, context);
    default: {
      const _never: never = command;
      throw unknownReferralCommand(_never);
    }
  }
}

function unknownReferralCommand(command: never): ValidationError {
  const type = String((command as { type?: unknown }).type);
  return new ValidationError('referral.unknown_command', {
    es: `Comando desconocido: ${type}.`,
    en: `Unknown command: ${type}.`,
  });
}
