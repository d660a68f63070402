import { InvalidRequestError, LocalizedError, TooLargeError } from '@crm/kernel';
import { errorBody, httpStatusOf } from './http-errors';

/** Largest JSON request body; a larger one is answered 413 with an es/en text. */
export const REQUEST_BODY_LIMIT_BYTES = 2 * 1024 * 1024;

function sizeText(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : `${bytes} bytes`;
}

/** 413: the request body is larger than the service accepts. Nothing was read further, nothing stored. */
export class RequestTooLargeError extends TooLargeError {
  constructor(limitBytes: number) {
    const limit = sizeText(limitBytes);
    super(
      'http.body_too_large',
      {
        es: `El cuerpo de la solicitud supera el límite de ${limit}; no se guardó nada.`,
        en: `The request body exceeds the ${limit} limit; nothing was stored.`,
      },
      { limitBytes },
    );
  }
}

/** 400: the body is not valid JSON. Nothing was stored. */
export class MalformedJsonError extends InvalidRequestError {
  constructor() {
    super('http.malformed_json', {
      es: 'El cuerpo de la solicitud no es JSON válido; no se guardó nada.',
      en: 'The request body is not valid JSON; nothing was stored.',
    });
  }
}

/** 4xx of the body parser that are neither of the above (unsupported charset or encoding, aborted upload). */
export class UnreadableBodyError extends InvalidRequestError {
  constructor(
    readonly status: number,
    reason: string,
  ) {
    super(
      'http.unreadable_body',
      {
        es: 'No se pudo leer el cuerpo de la solicitud (codificación, juego de caracteres o envío interrumpido); no se guardó nada.',
        en: 'The request body could not be read (encoding, character set or interrupted upload); nothing was stored.',
      },
      { reason },
    );
  }
}

/**
 * The errors of Express' body parser (`raw-body` / `body-parser`: `{ type: 'entity.too.large', status: 413,
 * limit }`, `entity.parse.failed`, ...) as LocalizedErrors; undefined for anything else.
 */
export function bodyParserError(error: unknown): { error: LocalizedError; status?: number } | undefined {
  if (typeof error !== 'object' || error === null || error instanceof LocalizedError) return undefined;
  const e = error as { type?: unknown; status?: unknown; limit?: unknown };
  if (typeof e.type !== 'string' || typeof e.status !== 'number' || e.status < 400 || e.status >= 500)
    return undefined;
  if (e.type === 'entity.too.large')
    return {
      error: new RequestTooLargeError(typeof e.limit === 'number' ? e.limit : REQUEST_BODY_LIMIT_BYTES),
    };
  if (e.type === 'entity.parse.failed') return { error: new MalformedJsonError() };
  return { error: new UnreadableBodyError(e.status, e.type), status: e.status };
}

interface ErrorResponse {
  headersSent: boolean;
  status(code: number): ErrorResponse;
  json(body: unknown): void;
}

/**
 * Express error middleware placed right after the body parser: answers its errors with the es/en body of
 * the error filter. (Nest would turn a malformed JSON body into a bare BadRequestException, losing its kind.)
 */
export function bodyParserErrorHandler() {
  return (error: unknown, _req: unknown, res: ErrorResponse, next: (error: unknown) => void): void => {
    const mapped = bodyParserError(error);
    if (!mapped || res.headersSent) return next(error);
    res.status(mapped.status ?? httpStatusOf(mapped.error)).json(errorBody(mapped.error));
  };
}
