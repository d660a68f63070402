import { errorKindOf, LocalizedError, type ErrorKind, type LocalizedText } from '@crm/kernel';

/**
 * How an error becomes an HTTP status: the kernel's error kind (`libs/kernel/src/error-kinds.ts`) decides.
 * A LocalizedError of no kind is a 422 (a rejection the caller can read and act on); anything that is not a
 * LocalizedError is a 500 with a generic text (details are never leaked).
 */
export const HTTP_STATUS_OF_KIND: Record<ErrorKind, number> = {
  invalid_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  precondition_failed: 412,
  too_large: 413,
  validation: 422,
  unavailable: 503,
  internal: 500,
};

export function httpStatusOf(error: unknown): number {
  if (!(error instanceof LocalizedError)) return 500;
  const kind = errorKindOf(error);
  return kind ? HTTP_STATUS_OF_KIND[kind] : 422;
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
