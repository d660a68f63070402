import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { WrongExpectedRevisionError } from '@crm/event-store';
import { LocalizedError, PreconditionFailedError } from '@crm/kernel';
import { bodyParserError } from './body-errors';
import { errorBody, genericText, httpStatusOf, type ErrorBody } from './http-errors';

interface JsonResponse {
  status(code: number): JsonResponse;
  json(body: unknown): void;
}

/**
 * Maps every error to `{ code, message: { es, en }, details }` with the status from `http-errors.ts`.
 * The body parser's errors become 413 (too large) and 400 (malformed JSON) with their own es/en texts; the
 * rate limiter's is a 429. Other Nest HttpExceptions (unknown route) keep their status with a generic text.
 * Unexpected errors are logged and answered with a 500 that reveals nothing.
 */
@Catch()
export class LocalizedErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('LocalizedErrorFilter');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const res = http.getResponse<JsonResponse>();
    const req = http.getRequest<{ headers?: Record<string, unknown> }>();
    const { status, body } = toHttp(staleIfMatched(error, req?.headers?.['if-match'] !== undefined));
    if (status >= 500)
      this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    res.status(status).json(body);
  }
}

/** 412: the write named the revision it expected (`If-Match`) and the stream is no longer at it. Nothing stored. */
export class StaleRevisionError extends PreconditionFailedError {
  constructor(cause: WrongExpectedRevisionError) {
    super(
      'http.precondition_failed',
      {
        es: `El recurso cambió desde que lo leyó (If-Match esperaba la revisión ${String(cause.expected)}, la actual es ${cause.actual}); vuelva a leerlo (GET, ETag) y repita la orden. No se guardó nada.`,
        en: `The resource changed since you read it (If-Match expected revision ${String(cause.expected)}, the current one is ${cause.actual}); read it again (GET, ETag) and repeat the command. Nothing was stored.`,
      },
      { expected: String(cause.expected), actual: cause.actual },
    );
  }
}

/**
 * A stream-revision conflict of a request that carried If-Match is the precondition failing (412), not a
 * conflict (409): the caller named the revision it saw, and it is stale.
 */
export function staleIfMatched(error: unknown, ifMatch: boolean): unknown {
  return ifMatch && error instanceof WrongExpectedRevisionError ? new StaleRevisionError(error) : error;
}

/** 429 of the rate limits (`docs/operations.md`): the limit, per minute and client address, was reached. */
export const RATE_LIMITED: ErrorBody = {
  code: 'http.rate_limited',
  message: {
    es: 'Demasiadas solicitudes desde esta dirección; espere un momento (ver Retry-After) y vuelva a intentarlo.',
    en: 'Too many requests from this address; wait a moment (see Retry-After) and try again.',
  },
  details: {},
};

export function toHttp(error: unknown): { status: number; body: ErrorBody } {
  if (error instanceof LocalizedError) return { status: httpStatusOf(error), body: errorBody(error) };
  const body = bodyParserError(error);
  if (body) return { status: body.status ?? httpStatusOf(body.error), body: errorBody(body.error) };
  if (error instanceof ThrottlerException) return { status: 429, body: RATE_LIMITED };
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const response = error.getResponse();
    const details = typeof response === 'object' && response !== null && status < 500 ? { response } : {};
    return { status, body: { code: `http.${status}`, message: genericText(status), details } };
  }
  return { status: 500, body: errorBody(error) };
}
