import { ConflictError, ValidationError } from '@crm/kernel';
import type { DecisionContext } from '@crm/decider';
import { hasOpened, isLate } from '../../windows/domain/window';
import { catalogueVersionOf, requiredText, requireTransition, windowOfReport } from './checks';
import type {
  ApproveReport,
  ReopenReport,
  ReportCommand,
  ReturnReport,
  SaveDraft,
  SubmitReport,
} from './commands';
import { sameContent, validateContent } from './content';
import type { ApprovedVersion, ReportEvent } from './events';
import type { ReportState } from './state';
import { validateReportKey } from './stream';

/**
 * One function per report command. Each checks, in this order: the report key and the payload (422), the
 * command's report against the stream's (422), the workflow transition (409), then its own rule (e.g. the
 * reporting window, 409). A refusal throws before anything is returned, so a refused command stores nothing.
 */

/** Country: create or update the draft. Saving the very same draft again records nothing. */
export function saveDraft(command: SaveDraft, state: ReportState, context: DecisionContext): ReportEvent[] {
  const key = validateReportKey(command);
  const content = validateContent(command.content);
  const catalogueVersion = catalogueVersionOf(command, key);
  requireTransition('SaveDraft', key, state);
  const unchanged =
    state.workflow === 'draft' &&
    state.content !== null &&
    sameContent(state.content, content) &&
    state.catalogueVersion === catalogueVersion;
  if (unchanged) return [];
  return [
    {
      type: 'ReportDrafted',
      data: {
        ...key,
        catalogueVersion,
        content,
        savedAt: context.now.toISOString(),
        savedBy: context.actor.subject,
      },
    },
  ];
}

/** Country: submit the draft; refused before the window opens (409), marked late after it closes. */
export function submitReport(
  command: SubmitReport,
  state: ReportState,
  context: DecisionContext,
): ReportEvent[] {
  const key = validateReportKey(command);
  const window = windowOfReport(command.window, key);
  requireTransition('SubmitReport', key, state);
  const at = context.now.toISOString();
  if (!hasOpened(context.now, window)) {
    throw new ConflictError(
      'plan.report.window_not_open',
      {
        es: `La ventana de informe del período ${key.period} aún no ha abierto (abre ${window.opensAt}); puede guardar el borrador y enviarlo después.`,
        en: `The reporting window of period ${key.period} has not opened yet (opens ${window.opensAt}); you can save the draft and submit it later.`,
      },
      { period: key.period, opensAt: window.opensAt, now: at },
    );
  }
  return [
    {
      type: 'ReportSubmitted',
      data: {
        ...key,
        submittedAt: at,
        submittedBy: context.actor.subject,
        late: isLate(context.now, window),
        window,
      },
    },
  ];
}

/** Secretariat: approve a submitted report, recorded as its next approved version. */
export function approveReport(
  command: ApproveReport,
  state: ReportState,
  context: DecisionContext,
): ReportEvent[] {
  const key = validateReportKey(command);
  const comments =
    command.comments === undefined
      ? null
      : requiredText(command.comments, 'plan.report.invalid_comments', {
          es: 'El comentario',
          en: 'The comment',
        });
  requireTransition('ApproveReport', key, state);
  return [
    {
      type: 'ReportApproved',
      data: {
        ...key,
        approvedAt: context.now.toISOString(),
        approvedBy: context.actor.subject,
        version: state.versions.length + 1,
        comments,
      },
    },
  ];
}

/** Secretariat: return a submitted report to the country with comments (required). */
export function returnReport(
  command: ReturnReport,
  state: ReportState,
  context: DecisionContext,
): ReportEvent[] {
  const key = validateReportKey(command);
  const comments = requiredText(command.comments, 'plan.report.comments_required', {
    es: 'El comentario de devolución',
    en: 'The return comment',
  });
  requireTransition('ReturnReport', key, state);
  return [
    {
      type: 'ReportReturned',
      data: { ...key, returnedAt: context.now.toISOString(), returnedBy: context.actor.subject, comments },
    },
  ];
}

/** Secretariat: reopen an approved report (reason required); the approved version travels in the event. */
export function reopenReport(
  command: ReopenReport,
  state: ReportState,
  context: DecisionContext,
): ReportEvent[] {
  const key = validateReportKey(command);
  const reason = requiredText(command.reason, 'plan.report.reason_required', {
    es: 'El motivo de reapertura',
    en: 'The reason for reopening',
  });
  requireTransition('ReopenReport', key, state);
  return [
    {
      type: 'ReportReopened',
      data: {
        ...key,
        reopenedAt: context.now.toISOString(),
        reopenedBy: context.actor.subject,
        reason,
        previousApproved: state.versions[state.versions.length - 1] as ApprovedVersion,
      },
    },
  ];
}

/** Decides a report command; the compiler checks that every command has its case. */
export function decideReport(
  command: ReportCommand,
  state: ReportState,
  context: DecisionContext,
): ReportEvent[] {
  switch (command.type) {
    case 'SaveDraft':
      return saveDraft(command, state, context);
    case 'SubmitReport':
      return submitReport(command, state, context);
    case 'ApproveReport':
      return approveReport(command, state, context);
    case 'ReturnReport':
      return returnReport(command, state, context);
    case 'ReopenReport':
      return reopenReport(command, state, context);
    default: {
      const _never: never = command;
      throw unknownReportCommand(_never);
    }
  }
}

function unknownReportCommand(command: never): ValidationError {
  const type = String((command as { type?: unknown }).type);
  return new ValidationError('plan.report.unknown_command', {
    es: `Comando desconocido: ${type}.`,
    en: `Unknown command: ${type}.`,
  });
}
