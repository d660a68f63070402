import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { RequestValidationError } from './validation';

export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_.:-]{1,128}$/;

type Headers = Record<string, string | string[] | undefined>;

function single(raw: string | string[] | undefined): string | undefined {
  return Array.isArray(raw) ? raw[0] : raw;
}

/** The `Idempotency-Key` header (undefined when absent); a malformed key is a 400. */
export function idempotencyKeyOf(headers: Headers): string | undefined {
  const raw = headers['idempotency-key'];
  if (raw === undefined) return undefined;
  const value = single(raw);
  if (typeof value !== 'string' || !IDEMPOTENCY_KEY_PATTERN.test(value)) {
    throw new RequestValidationError([{ field: 'headers.idempotency-key', constraints: ['matches'] }]);
  }
  return value;
}

/** A valid `X-Correlation-Id` header (same alphabet as the Idempotency-Key), else undefined. */
export function correlationIdHeaderOf(headers: Headers): string | undefined {
  const value = single(headers['x-correlation-id']);
  return typeof value === 'string' && IDEMPOTENCY_KEY_PATTERN.test(value) ? value : undefined;
}

/** `"3"` (the ETag the service sends) or `W/"3"` (the same tag weakened by an intermediary). */
const REVISION_TAG = /^(?:(?:W\/)?"(\d{1,15})"|(\d{1,15}))$/;

/**
 * The revision an `If-Match` header expects (`docs/operations.md`):
 * - absent or `*`: undefined (any revision);
 * - `"3"`: revision 3, the ETag a GET of the aggregate answered; `W/"3"` is read the same way (proxies that
 *   compress responses weaken ETags; the number is the aggregate's revision either way);
 * - a bare `3` (what people type with curl) is read as `"3"`;
 * - anything else (a list of tags, a tag that is not a revision): 400 on `headers.if-match`.
 */
export function expectedRevisionOf(headers: Headers): number | undefined {
  const raw = headers['if-match'];
  if (raw === undefined) return undefined;
  const value = (Array.isArray(raw) ? raw.join(',') : raw).trim();
  if (value === '*') return undefined;
  const match = REVISION_TAG.exec(value);
  if (!match) throw new RequestValidationError([{ field: 'headers.if-match', constraints: ['entity_tag'] }]);
  return Number(match[1] ?? match[2]);
}

/** What a command route receives from `@CommandMeta()`. */
export interface CommandMetadata {
  /** `Idempotency-Key`: the command id (a retry with the same key records nothing new). */
  commandId?: string;
  /** The request's correlation id (`X-Correlation-Id`, else the Idempotency-Key, else generated: see the request log). */
  correlationId?: string;
  /** `If-Match: "<revision>"`: the stream revision the caller last saw; a stale one is a 412 (nothing stored). */
  expectedRevision?: number;
}

/** Route parameter: the request's Idempotency-Key (→ the command id), correlation id and If-Match revision. */
export const CommandMeta = createParamDecorator((_data: unknown, ctx: ExecutionContext): CommandMetadata => {
  const req = ctx.switchToHttp().getRequest<{ headers: Headers; correlationId?: string }>();
  const commandId = idempotencyKeyOf(req.headers);
  const expectedRevision = expectedRevisionOf(req.headers);
  const correlationId = req.correlationId ?? correlationIdHeaderOf(req.headers);
  return {
    ...(commandId ? { commandId } : {}),
    ...(correlationId ? { correlationId } : {}),
    ...(expectedRevision !== undefined ? { expectedRevision } : {}),
  };
});
