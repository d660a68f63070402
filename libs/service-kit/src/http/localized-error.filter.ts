import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { LocalizedError } from '@crm/kernel';
import { errorBody, genericText, httpStatusOf, type ErrorBody } from './http-errors';

interface JsonResponse {
  status(code: number): JsonResponse;
  json(body: unknown): void;
}

/**
 * Maps every error to `{ code, message: { es, en }, details }` with the status from `http-errors.ts`.
 * Nest HttpExceptions (unknown route, body parser) keep their status with a generic es/en text.
 * Unexpected errors are logged and answered with a 500 that reveals nothing.
 */
@Catch()
export class LocalizedErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('LocalizedErrorFilter');

  catch(error: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<JsonResponse>();
    const { status, body } = toHttp(error);
    if (status >= 500)
      this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    res.status(status).json(body);
  }
}

export function toHttp(error: unknown): { status: number; body: ErrorBody } {
  if (error instanceof LocalizedError) return { status: httpStatusOf(error), body: errorBody(error) };
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const response = error.getResponse();
    const details = typeof response === 'object' && response !== null && status < 500 ? { response } : {};
    return { status, body: { code: `http.${status}`, message: genericText(status), details } };
  }
  return { status: 500, body: errorBody(error) };
}
