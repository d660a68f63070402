import { ConflictError, NotFoundError, ValidationError, type LocalizedText } from '@crm/kernel';
import { calendarDateOf, isCalendarDate } from '../../shared/formats';
import { isCode } from '../../shared/vocabulary';
import { validateCaseId } from './case-id';
import { CASE_CLOSURE_OUTCOMES } from './case-codes';
import type { CaseState } from './state';

/** The rules several case commands share. Each throws a LocalizedError (es/en); none reads the clock. */

/** Ids the caller chooses for what it records on a case (consents, interviews, assessments). */
export const ENTRY_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/** `value` when it is one of `list`'s codes, else 422 `code` naming the allowed codes. */
export function validateCode<List extends Readonly<Record<string, LocalizedText>>>(
  list: List,
  value: unknown,
  code: string,
  what: LocalizedText,
): keyof List & string {
  if (isCode(list, value)) return value;
  const allowed = Object.keys(list).join(', ');
  throw new ValidationError(
    code,
    {
      es: `${what.es}: "${String(value)}" no es un valor válido; use uno de: ${allowed}.`,
      en: `${what.en}: "${String(value)}" is not a valid value; use one of: ${allowed}.`,
    },
    { value: String(value), allowed: Object.keys(list) },
  );
}

/** An id for an entry of the case (1 to 64 letters, digits, dashes, underscores), else 422. */
export function validateEntryId(value: unknown, what: LocalizedText): string {
  if (typeof value === 'string' && ENTRY_ID_PATTERN.test(value)) return value;
  throw new ValidationError(
    'referral.case.invalid_entry_id',
    {
      es: `${what.es}: identificador inválido "${String(value)}" (de 1 a 64 letras, cifras, guiones o guiones bajos).`,
      en: `${what.en}: invalid id "${String(value)}" (1 to 64 letters, digits, dashes or underscores).`,
    },
    { id: String(value) },
  );
}

/** A date something happened on: a real `YYYY-MM-DD`, not after today (UTC), else 422. */
export function validatePastDate(value: unknown, now: Date, what: LocalizedText): string {
  if (!isCalendarDate(value)) {
    throw new ValidationError(
      'referral.case.invalid_date',
      {
        es: `${what.es}: fecha inválida "${String(value)}"; use AAAA-MM-DD (p. ej. 2020-06-30).`,
        en: `${what.en}: invalid date "${String(value)}"; use YYYY-MM-DD (e.g. 2020-06-30).`,
      },
      { date: String(value) },
    );
  }
  const today = calendarDateOf(now);
  if (value > today) {
    throw new ValidationError(
      'referral.case.date_in_future',
      {
        es: `${what.es}: la fecha ${value} es posterior a hoy (${today}); regístrelo cuando haya ocurrido.`,
        en: `${what.en}: the date ${value} is after today (${today}); record it once it has happened.`,
      },
      { date: value, today },
    );
  }
  return value;
}

/**
 * The command addresses the stream's case: the stream holds one (404), the same id (422), and, unless
 * `closedToo`, it is open (409). Returns the validated case id.
 */
export function requireCase(
  caseId: unknown,
  state: CaseState,
  options: { closedToo?: boolean } = {},
): string {
  const id = validateCaseId(caseId);
  if (state.status === 'none' || state.caseId === null) {
    throw new NotFoundError(
      'referral.case.not_registered',
      {
        es: `El caso ${id} no está registrado; regístrelo primero.`,
        en: `Case ${id} is not registered; register it first.`,
      },
      { caseId: id },
    );
  }
  if (state.caseId !== id) {
    throw new ValidationError(
      'referral.case.case_mismatch',
      {
        es: `El comando es para el caso ${id}, pero este flujo es del caso ${state.caseId}.`,
        en: `The command is for case ${id}, but this stream holds case ${state.caseId}.`,
      },
      { commandCaseId: id, caseId: state.caseId },
    );
  }
  if (state.status === 'closed' && !options.closedToo) {
    const outcome = CASE_CLOSURE_OUTCOMES[state.closure?.outcome ?? 'other'];
    throw new ConflictError(
      'referral.case.closed',
      {
        es: `El caso ${id} está cerrado (${outcome.es}); solo se pueden corregir los datos identificativos y restringir o retirar consentimientos.`,
        en: `Case ${id} is closed (${outcome.en}); only identifying data can be corrected and consents narrowed or withdrawn.`,
      },
      { caseId: id, outcome: state.closure?.outcome },
    );
  }
  return id;
}
