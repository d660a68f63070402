import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { RequestValidationError } from './validation';

export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_.:-]{1,128}$/;

/** The `Idempotency-Key` header (undefined when absent); a malformed key is a 400. */
export function idempotencyKeyOf(headers: Record<string, string | string[] | undefined>): string | undefined {
  const raw = headers['idempotency-key'];
  if (raw === undefined) return undefined;
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (typeof value !== 'string' || !IDEMPOTENCY_KEY_PATTERN.test(value)) {
    throw new RequestValidationError([{ field: 'headers.idempotency-key', constraints: ['matches'] }]);
  }
  return value;
}

/** Route parameter: the request's Idempotency-Key (→ the command id) and correlation id (`X-Correlation-Id`). */
export const CommandMeta = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): { commandId?: string; correlationId?: string } => {
    const req = ctx.switchToHttp().getRequest<{ headers: Record<string, string | string[] | undefined> }>();
    const commandId = idempotencyKeyOf(req.headers);
    const corr = req.headers['x-correlation-id'];
    const correlationId = typeof corr === 'string' && IDEMPOTENCY_KEY_PATTERN.test(corr) ? corr : undefined;
    return { ...(commandId ? { commandId } : {}), ...(correlationId ? { correlationId } : {}) };
  },
);
