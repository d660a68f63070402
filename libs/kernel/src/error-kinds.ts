import { LocalizedError, type LocalizedText } from './localized-error';

/**
 * What went wrong, independent of the transport. The service kit maps each kind to an HTTP status (and the
 * inbound gateway to a dead-letter reason); a service declares codes and es/en texts, never statuses.
 *
 * | kind                  | HTTP | meaning                                                          |
 * | --------------------- | ---- | ---------------------------------------------------------------- |
 * | `invalid_request`     | 400  | malformed input: shape, syntax, unknown parameter                |
 * | `unauthenticated`     | 401  | no valid identity                                                |
 * | `forbidden`           | 403  | valid identity, operation not permitted                          |
 * | `not_found`           | 404  | the resource does not exist                                      |
 * | `conflict`            | 409  | does not fit the current state (workflow, concurrent change)     |
 * | `precondition_failed` | 412  | the caller's `If-Match` revision is not the current one          |
 * | `too_large`           | 413  | the request or message is over the size limit                    |
 * | `validation`          | 422  | well formed, refused by the domain rules                         |
 * | `unavailable`         | 503  | a dependency (database, access log) cannot answer now            |
 * | `internal`            | 500  | a fault of the platform (configuration, integrity)               |
 */
export type ErrorKind =
  | 'invalid_request'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'precondition_failed'
  | 'too_large'
  | 'validation'
  | 'unavailable'
  | 'internal';

export const ERROR_KINDS: readonly ErrorKind[] = [
  'invalid_request',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'precondition_failed',
  'too_large',
  'validation',
  'unavailable',
  'internal',
];

/** The kinds that are the caller's to fix (the HTTP 4xx kinds); `unavailable` and `internal` are not. */
export const CALLER_ERROR_KINDS: ReadonlySet<ErrorKind> = new Set<ErrorKind>([
  'invalid_request',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'precondition_failed',
  'too_large',
  'validation',
]);

type Details = Record<string, unknown>;

/** 400: the input is malformed (shape, syntax, an unknown parameter). Nothing was stored. */
export class InvalidRequestError extends LocalizedError {
  readonly kind: ErrorKind = 'invalid_request';
  constructor(code: string, text: LocalizedText, details: Details = {}) {
    super(code, text, details);
  }
}

/** 401: no valid identity. */
export class UnauthenticatedError extends LocalizedError {
  readonly kind: ErrorKind = 'unauthenticated';
  constructor(code: string, text: LocalizedText, details: Details = {}) {
    super(code, text, details);
  }
}

/** 403: the identity is valid but may not perform the operation on that resource. */
export class ForbiddenError extends LocalizedError {
  readonly kind: ErrorKind = 'forbidden';
  constructor(code: string, text: LocalizedText, details: Details = {}) {
    super(code, text, details);
  }
}

/** 404: what was asked for does not exist. */
export class NotFoundError extends LocalizedError {
  readonly kind: ErrorKind = 'not_found';
  constructor(code: string, text: LocalizedText, details: Details = {}) {
    super(code, text, details);
  }
}

/** 409: the command does not fit the current state. Nothing was stored. */
export class ConflictError extends LocalizedError {
  readonly kind: ErrorKind = 'conflict';
  constructor(code: string, text: LocalizedText, details: Details = {}) {
    super(code, text, details);
  }
}

/** 412: the revision the caller last saw (`If-Match`) is no longer the current one. Nothing was stored. */
export class PreconditionFailedError extends LocalizedError {
  readonly kind: ErrorKind = 'precondition_failed';
  constructor(code: string, text: LocalizedText, details: Details = {}) {
    super(code, text, details);
  }
}

/** 413: the request or message is larger than the limit. Nothing was stored. */
export class TooLargeError extends LocalizedError {
  readonly kind: ErrorKind = 'too_large';
  constructor(code: string, text: LocalizedText, details: Details = {}) {
    super(code, text, details);
  }
}

/** 422: well formed, but refused by the domain rules. Nothing was stored. */
export class ValidationError extends LocalizedError {
  readonly kind: ErrorKind = 'validation';
  constructor(code: string, text: LocalizedText, details: Details = {}) {
    super(code, text, details);
  }
}

/** 503: a dependency cannot answer now; the caller may retry. */
export class UnavailableError extends LocalizedError {
  readonly kind: ErrorKind = 'unavailable';
  constructor(code: string, text: LocalizedText, details: Details = {}) {
    super(code, text, details);
  }
}

/** 500: a fault of the platform (configuration, integrity). */
export class InternalError extends LocalizedError {
  readonly kind: ErrorKind = 'internal';
  constructor(code: string, text: LocalizedText, details: Details = {}) {
    super(code, text, details);
  }
}

/** The kind of an error: its own `kind` when it is one of the classes above, else undefined. */
export function errorKindOf(error: unknown): ErrorKind | undefined {
  if (!(error instanceof LocalizedError)) return undefined;
  const kind = (error as { kind?: unknown }).kind;
  return typeof kind === 'string' && (ERROR_KINDS as readonly string[]).includes(kind)
    ? (kind as ErrorKind)
    : undefined;
}
