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

/** `If-Match: "3"` or `If-Match: 3`: the revision the caller decided on (an entity tag of digits, quoted or not). */
const IF_MATCH_REVISION = /^(?:"([0-9]{1,15})"|([0-9]{1,15}))$/;

/**
 * The `If-Match` header as the revision of the record the caller last read (its `revision`): undefined when
 * absent or `*` (any revision); anything else that is not one revision is a 400 on `headers.if-match`.
 */
export function expectedRevisionOf(
  headers: Record<string, string | string[] | undefined>,
): number | undefined {
  const raw = headers['if-match'];
  if (raw === undefined) return undefined;
  const value = (Array.isArray(raw) ? raw.join(', ') : raw).trim();
  if (value === '*') return undefined;
  const match = IF_MATCH_REVISION.exec(value);
  if (!match) throw new RequestValidationError([{ field: 'headers.if-match', constraints: ['matches'] }]);
  return Number(match[1] ?? match[2]);
}

/**
 * Route parameter: the request's Idempotency-Key (→ the command id), correlation id (`X-Correlation-Id`) and
 * `If-Match` revision (→ the command's expected revision).
 */
export const CommandMeta = createParamDecorator(
  (
    _data: unknown,
    ctx: ExecutionContext,
  ): { commandId?: string; correlationId?: string; expectedRevision?: number } => {
    const req = ctx.switchToHttp().getRequest<{ headers: Record<string, string | string[] | undefined> }>();
    const commandId = idempotencyKeyOf(req.headers);
    const expectedRevision = expectedRevisionOf(req.headers);
    const corr = req.headers['x-correlation-id'];
    const correlationId = typeof corr === 'string' && IDEMPOTENCY_KEY_PATTERN.test(corr) ? corr : undefined;
    return {
      ...(commandId ? { commandId } : {}),
      ...(correlationId ? { correlationId } : {}),
      ...(expectedRevision === undefined ? {} : { expectedRevision }),
    };
  },
);
