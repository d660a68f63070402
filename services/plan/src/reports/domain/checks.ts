import { ConflictError, ValidationError } from '@crm/kernel';
import { validateWindow, type ReportingWindow } from '../../windows/domain/window';
import type { ReportCommandType, SaveDraft } from './commands';
import type { ReportState } from './state';
import { sameKey, type ReportKey } from './stream';
import { normalizeText, type MultilingualText } from './text';
import { invalidTransitionText, isAllowed } from './transitions';

/** The rules several report commands share. Each throws a LocalizedError (es/en); none reads the clock. */

export const COMMENTS_MAX_LENGTH = 5000;

/** Free text in Spanish and/or English, required (422 `code` when absent, blank or too long). */
export function requiredText(
  value: unknown,
  code: string,
  what: { es: string; en: string },
): MultilingualText {
  const text = normalizeText(value, COMMENTS_MAX_LENGTH);
  if (!text) {
    throw new ValidationError(code, {
      es: `${what.es} es obligatorio: escríbalo en español o inglés (hasta ${COMMENTS_MAX_LENGTH} caracteres por idioma).`,
      en: `${what.en} is required: write it in Spanish or English (up to ${COMMENTS_MAX_LENGTH} characters per language).`,
    });
  }
  return text;
}

/** The catalogue version a draft is written against; the activity must be live in it (422). */
export function catalogueVersionOf(command: SaveDraft, key: ReportKey): string {
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

/** The period's window a submission is judged against: valid, and of the report's own period (422). */
export function windowOfReport(window: unknown, key: ReportKey): ReportingWindow {
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
function requireSameReport(key: ReportKey, state: ReportState): void {
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

/**
 * The command addresses this stream's report (422) and the workflow accepts it in the current state (409
 * `plan.report.invalid_transition`, naming the state and what it allows). Checked after the payload.
 */
export function requireTransition(command: ReportCommandType, key: ReportKey, state: ReportState): void {
  requireSameReport(key, state);
  if (!isAllowed(command, state.workflow)) {
    throw new ConflictError(
      'plan.report.invalid_transition',
      invalidTransitionText(command, state.workflow, state.changedAfterApproval),
      { current: state.workflow, attempted: command, changedAfterApproval: state.changedAfterApproval },
    );
  }
}
