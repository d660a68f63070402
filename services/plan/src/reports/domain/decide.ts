import { ValidationError, ConflictError } from '@crm/kernel';
import type { DecisionContext } from '@crm/decider';
import { hasOpened, isLate, validateWindow, type ReportingWindow } from '../periods/window';
import type { ReportCommand, SaveDraft } from './commands';
import { sameContent, validateContent, type ReportContent } from './content';
import type { ApprovedVersion, ReportEvent } from './events';
import type { ReportState } from './state';
import { sameKey, validateReportKey, type ReportKey } from './stream';
import { normalizeText, type MultilingualText } from './text';
import { invalidTransitionText, isAllowed } from './transitions';

export const COMMENTS_MAX_LENGTH = 5000;

function textOrThrow(value: unknown, code: string, what: { es: string; en: string }): MultilingualText {
  const text = normalizeText(value, COMMENTS_MAX_LENGTH);
  if (!text) {
    throw new ValidationError(code, {
      es: `${what.es} es obligatorio: escríbalo en español o inglés (hasta ${COMMENTS_MAX_LENGTH} caracteres por idioma).`,
      en: `${what.en} is required: write it in Spanish or English (up to ${COMMENTS_MAX_LENGTH} characters per language).`,
    });
  }
  return text;
}

function checkCatalogue(command: SaveDraft, key: ReportKey): string {
  const catalogue = command.catalogue;
  if (
    !catalogue ||
    typeof catalogue.version !== 'string' ||
    catalogue.version.trim() === '' ||
    typeof catalogue.activityExists !== 'function'
  ) {
    throw new ValidationError('plan.report.catalogue_required', {
      es: 'Falta la versión del catálogo del plan contra la que se redacta el informe.',
      en: 'The plan catalogue version the report is written against is missing.',
    });
  }
  if (!catalogue.activityExists(key.activityId)) {
    throw new ValidationError(
      'plan.report.unknown_activity',
      {
        es: `La actividad ${key.activityId} no existe en el catálogo del plan (versión ${catalogue.version}).`,
        en: `Activity ${key.activityId} does not exist in the plan catalogue (version ${catalogue.version}).`,
      },
      { activityId: key.activityId, catalogueVersion: catalogue.version },
    );
  }
  return catalogue.version;
}

function checkWindow(window: unknown, key: ReportKey): ReportingWindow {
  let valid: ReportingWindow;
  try {
    valid = validateWindow((window ?? {}) as { period: unknown; opensAt: unknown; closesAt: unknown });
  } catch (error) {
    if (error instanceof ValidationError) throw new ValidationError(error.code, error.text, error.details);
    throw error;
  }
  if (valid.period !== key.period) {
    throw new ValidationError(
      'plan.report.window_period_mismatch',
      {
        es: `La ventana de informe indicada es del período ${valid.period}, pero el informe es del período ${key.period}.`,
        en: `The reporting window given is for period ${valid.period}, but the report is for period ${key.period}.`,
      },
      { windowPeriod: valid.period, reportPeriod: key.period },
    );
  }
  return valid;
}

/** The command must address the stream's own report: same country first (the rule that matters), then activity and period. */
function checkSameReport(key: ReportKey, state: ReportState): void {
  if (!state.key || sameKey(key, state.key)) return;
  if (key.country !== state.key.country) {
    throw new ValidationError(
      'plan.report.country_mismatch',
      {
        es: `El comando es para el país ${key.country}, pero este informe pertenece a ${state.key.country}.`,
        en: `The command is for country ${key.country}, but this report belongs to ${state.key.country}.`,
      },
      { commandCountry: key.country, reportCountry: state.key.country },
    );
  }
  throw new ValidationError(
    'plan.report.report_mismatch',
    {
      es: `El comando es para ${key.activityId} / ${key.period}, pero este informe es de ${state.key.activityId} / ${state.key.period}.`,
      en: `The command is for ${key.activityId} / ${key.period}, but this report is for ${state.key.activityId} / ${state.key.period}.`,
    },
    { command: key, report: state.key },
  );
}

/** Validated command payload: everything that does not depend on the state. */
type Checked =
  | { type: 'SaveDraft'; content: ReportContent; catalogueVersion: string }
  | { type: 'SubmitReport'; window: ReportingWindow }
  | { type: 'ApproveReport'; comments: MultilingualText | null }
  | { type: 'ReturnReport'; comments: MultilingualText }
  | { type: 'ReopenReport'; reason: MultilingualText };

function checkPayload(command: ReportCommand, key: ReportKey): Checked {
  switch (command.type) {
    case 'SaveDraft':
      return {
        type: 'SaveDraft',
        content: validateContent(command.content),
        catalogueVersion: checkCatalogue(command, key),
      };
    case 'SubmitReport':
      return { type: 'SubmitReport', window: checkWindow(command.window, key) };
    case 'ApproveReport':
      return {
        type: 'ApproveReport',
        comments:
          command.comments === undefined
            ? null
            : textOrThrow(command.comments, 'plan.report.invalid_comments', {
                es: 'El comentario',
                en: 'The comment',
              }),
      };
    case 'ReturnReport':
      return {
        type: 'ReturnReport',
        comments: textOrThrow(command.comments, 'plan.report.comments_required', {
          es: 'El comentario de devolución',
          en: 'The return comment',
        }),
      };
    case 'ReopenReport':
      return {
        type: 'ReopenReport',
        reason: textOrThrow(command.reason, 'plan.report.reason_required', {
          es: 'El motivo de reapertura',
          en: 'The reason for reopening',
        }),
      };
    default: {
      const unknown = (command as { type?: unknown }).type;
      throw new ValidationError('plan.report.unknown_command', {
        es: `Comando desconocido: ${String(unknown)}.`,
        en: `Unknown command: ${String(unknown)}.`,
      });
    }
  }
}

/**
 * Decides a report command. Order of checks: the report key and the payload (422), the command's
 * report against the stream's (422), the workflow transition (409), the reporting window (409).
 * Throws before returning anything, so a refused command stores nothing.
 */
export function decideReport(
  command: ReportCommand,
  state: ReportState,
  context: DecisionContext,
): ReportEvent[] {
  const key = validateReportKey(command ?? {});
  const checked = checkPayload(command, key);
  checkSameReport(key, state);
  if (!isAllowed(checked.type, state.workflow)) {
    throw new ConflictError(
      'plan.report.invalid_transition',
      invalidTransitionText(checked.type, state.workflow, state.changedAfterApproval),
      {
        current: state.workflow,
        attempted: checked.type,
        changedAfterApproval: state.changedAfterApproval,
      },
    );
  }
  const at = context.now.toISOString();
  const by = context.actor.subject;
  switch (checked.type) {
    case 'SaveDraft':
      if (
        state.workflow === 'draft' &&
        state.content &&
        sameContent(state.content, checked.content) &&
        state.catalogueVersion === checked.catalogueVersion
      ) {
        return []; // saving the same draft again changes nothing
      }
      return [
        {
          type: 'ReportDrafted',
          data: {
            ...key,
            catalogueVersion: checked.catalogueVersion,
            content: checked.content,
            savedAt: at,
            savedBy: by,
          },
        },
      ];
    case 'SubmitReport':
      if (!hasOpened(context.now, checked.window)) {
        throw new ConflictError(
          'plan.report.window_not_open',
          {
            es: `La ventana de informe del período ${key.period} aún no ha abierto (abre ${checked.window.opensAt}); puede guardar el borrador y enviarlo después.`,
            en: `The reporting window of period ${key.period} has not opened yet (opens ${checked.window.opensAt}); you can save the draft and submit it later.`,
          },
          { period: key.period, opensAt: checked.window.opensAt, now: at },
        );
      }
      return [
        {
          type: 'ReportSubmitted',
          data: {
            ...key,
            submittedAt: at,
            submittedBy: by,
            late: isLate(context.now, checked.window),
            window: checked.window,
          },
        },
      ];
    case 'ApproveReport':
      return [
        {
          type: 'ReportApproved',
          data: {
            ...key,
            approvedAt: at,
            approvedBy: by,
            version: state.versions.length + 1,
            comments: checked.comments,
          },
        },
      ];
    case 'ReturnReport':
      return [
        {
          type: 'ReportReturned',
          data: { ...key, returnedAt: at, returnedBy: by, comments: checked.comments },
        },
      ];
    case 'ReopenReport':
      return [
        {
          type: 'ReportReopened',
          data: {
            ...key,
            reopenedAt: at,
            reopenedBy: by,
            reason: checked.reason,
            previousApproved: state.versions[state.versions.length - 1] as ApprovedVersion,
          },
        },
      ];
  }
}
