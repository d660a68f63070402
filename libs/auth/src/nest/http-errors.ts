import { LocalizedError, type LocalizedText } from '@crm/kernel';
import { ConfigurationError } from '@crm/config';
import { EventStoreValidationError, WrongExpectedRevisionError } from '@crm/event-store';

/**
 * How a LocalizedError becomes an HTTP status. First match wins:
 *   1. the error's own numeric `httpStatus` property (preferred: declare it on your error class)
 *   2. a class registered with `registerHttpStatus(ErrorClass, status)` (subclasses inherit it)
 *   3. a code rule registered with `registerHttpStatusForCode(/regex/ or 'prefix', status)`
 *   4. 422 Unprocessable Entity (a LocalizedError is a rejection the caller can read and act on)
 * Anything that is not a LocalizedError is a 500 with a generic text (details are never leaked).
 */
type ErrorClass = abstract new (...args: any[]) => Error;

const byClass: Array<[ErrorClass, number]> = [];
const byCode: Array<[RegExp, number]> = [];

export function registerHttpStatus(errorClass: ErrorClass, status: number): void {
  byClass.unshift([errorClass, status]);
}

/** A string is a code prefix (`'referral.not_found'`), a RegExp is tested against the whole code. */
export function registerHttpStatusForCode(rule: string | RegExp, status: number): void {
  const re = typeof rule === 'string' ? new RegExp(`^${rule.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) : rule;
  byCode.unshift([re, status]);
}

// Defaults shared by every service.
registerHttpStatus(WrongExpectedRevisionError, 409);
registerHttpStatus(EventStoreValidationError, 400);
registerHttpStatus(ConfigurationError, 500);
registerHttpStatusForCode(/(^|\.)validation(\.|$)/, 400);
registerHttpStatusForCode(/(^|\.)not_found$/, 404);
registerHttpStatusForCode(/(^|\.)conflict$/, 409);
registerHttpStatusForCode(/(^|\.)unprocessable$/, 422);

export function httpStatusOf(error: unknown): number {
  if (!(error instanceof LocalizedError)) return 500;
  const own = (error as { httpStatus?: unknown }).httpStatus;
  if (typeof own === 'number' && Number.isInteger(own) && own >= 400 && own <= 599) return own;
  for (const [cls, status] of byClass) if (error instanceof cls) return status;
  for (const [re, status] of byCode) if (re.test(error.code)) return status;
  return 422;
}

export interface ErrorBody {
  code: string;
  message: LocalizedText;
  details: Record<string, unknown>;
}

const GENERIC: Record<number, LocalizedText> = {
  400: { es: 'Solicitud incorrecta.', en: 'Bad request.' },
  401: { es: 'Se requiere autenticación.', en: 'Authentication is required.' },
  403: { es: 'Acceso denegado.', en: 'Access denied.' },
  404: { es: 'Recurso no encontrado.', en: 'Resource not found.' },
  405: { es: 'Método no permitido.', en: 'Method not allowed.' },
  409: { es: 'Conflicto con el estado actual.', en: 'Conflict with the current state.' },
  413: { es: 'La solicitud es demasiado grande.', en: 'The request is too large.' },
  415: { es: 'Tipo de contenido no admitido.', en: 'Unsupported content type.' },
  422: { es: 'La solicitud no puede procesarse.', en: 'The request cannot be processed.' },
  429: { es: 'Demasiadas solicitudes.', en: 'Too many requests.' },
  500: { es: 'Error interno del servidor.', en: 'Internal server error.' },
};

export function genericText(status: number): LocalizedText {
  return GENERIC[status] ?? (status >= 500 ? GENERIC[500] : GENERIC[400]);
}

/** The JSON body of an error response. */
export function errorBody(error: unknown): ErrorBody {
  if (error instanceof LocalizedError)
    return { code: error.code, message: error.text, details: error.details };
  return { code: 'internal_error', message: GENERIC[500], details: {} };
}
