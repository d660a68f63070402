import type { LocalizedText } from '@crm/kernel';
import type { ReportCommandType } from './commands';
import type { ReportEventType } from './events';
import { WORKFLOW_STATE_LABELS, type WorkflowState } from './status';

/**
 * The workflow as data: from which states each command is accepted and which event it records.
 *   none      -SaveDraft->     draft
 *   draft     -SaveDraft->     draft          -SubmitReport-> submitted
 *   submitted -ApproveReport-> approved       -ReturnReport-> returned
 *   returned  -SaveDraft->     draft          -SubmitReport-> submitted
 *   approved  -ReopenReport->  draft (changedAfterApproval)
 */
export const TRANSITIONS: Record<
  ReportCommandType,
  { from: readonly WorkflowState[]; event: ReportEventType; to: WorkflowState }
> = {
  SaveDraft: { from: ['none', 'draft', 'returned'], event: 'ReportDrafted', to: 'draft' },
  SubmitReport: { from: ['draft', 'returned'], event: 'ReportSubmitted', to: 'submitted' },
  ApproveReport: { from: ['submitted'], event: 'ReportApproved', to: 'approved' },
  ReturnReport: { from: ['submitted'], event: 'ReportReturned', to: 'returned' },
  ReopenReport: { from: ['approved'], event: 'ReportReopened', to: 'draft' },
};

export const COMMAND_LABELS: Record<ReportCommandType, LocalizedText> = {
  SaveDraft: { es: 'guardar el borrador de', en: 'save a draft of' },
  SubmitReport: { es: 'enviar', en: 'submit' },
  ApproveReport: { es: 'aprobar', en: 'approve' },
  ReturnReport: { es: 'devolver', en: 'return' },
  ReopenReport: { es: 'reabrir', en: 'reopen' },
};

const ACTION_NAMES: Record<ReportCommandType, LocalizedText> = {
  SaveDraft: { es: 'guardar borrador', en: 'save draft' },
  SubmitReport: { es: 'enviar', en: 'submit' },
  ApproveReport: { es: 'aprobar', en: 'approve' },
  ReturnReport: { es: 'devolver', en: 'return' },
  ReopenReport: { es: 'reabrir', en: 'reopen' },
};

export function isAllowed(command: ReportCommandType, state: WorkflowState): boolean {
  return TRANSITIONS[command].from.includes(state);
}

export function allowedCommands(state: WorkflowState): ReportCommandType[] {
  return (Object.keys(TRANSITIONS) as ReportCommandType[]).filter((c) => isAllowed(c, state));
}

/** es/en text of an invalid transition, naming the current state, the attempted action and what is allowed. */
export function invalidTransitionText(
  command: ReportCommandType,
  state: WorkflowState,
  changedAfterApproval: boolean,
): LocalizedText {
  const label = WORKFLOW_STATE_LABELS[state];
  const stateEs =
    changedAfterApproval && state === 'draft' ? `${label.es} (reabierto tras su aprobación)` : label.es;
  const stateEn =
    changedAfterApproval && state === 'draft' ? `${label.en} (reopened after approval)` : label.en;
  const allowed = allowedCommands(state);
  const allowedEs = allowed.length ? allowed.map((c) => ACTION_NAMES[c].es).join(', ') : 'ninguna';
  const allowedEn = allowed.length ? allowed.map((c) => ACTION_NAMES[c].en).join(', ') : 'none';
  return {
    es: `No se puede ${COMMAND_LABELS[command].es} un informe en estado «${stateEs}». Acciones posibles en este estado: ${allowedEs}.`,
    en: `Cannot ${COMMAND_LABELS[command].en} a report in state "${stateEn}". Actions possible in this state: ${allowedEn}.`,
  };
}
