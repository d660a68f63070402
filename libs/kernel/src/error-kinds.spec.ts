import {
  ConflictError,
  errorKindOf,
  ERROR_KINDS,
  ForbiddenError,
  InternalError,
  InvalidRequestError,
  NotFoundError,
  PreconditionFailedError,
  TooLargeError,
  UnauthenticatedError,
  UnavailableError,
  ValidationError,
} from './error-kinds';
import { LocalizedError } from './localized-error';

const text = { es: 'texto', en: 'text' };

describe('error kinds', () => {
  it.each([
    [InvalidRequestError, 'invalid_request'],
    [UnauthenticatedError, 'unauthenticated'],
    [ForbiddenError, 'forbidden'],
    [NotFoundError, 'not_found'],
    [ConflictError, 'conflict'],
    [PreconditionFailedError, 'precondition_failed'],
    [TooLargeError, 'too_large'],
    [ValidationError, 'validation'],
    [UnavailableError, 'unavailable'],
    [InternalError, 'internal'],
  ])('%p carries its kind, code, es/en text and details', (Class, kind) => {
    const error = new Class('svc.thing.code', text, { id: 7 });
    expect(error).toBeInstanceOf(LocalizedError);
    expect(errorKindOf(error)).toBe(kind);
    expect(error.toJSON()).toEqual({ code: 'svc.thing.code', message: text, details: { id: 7 } });
    expect(ERROR_KINDS).toContain(kind);
  });

  it('a subclass keeps its base kind; a plain LocalizedError or Error has none', () => {
    class ActivityMissing extends NotFoundError {}
    expect(errorKindOf(new ActivityMissing('a', text))).toBe('not_found');
    expect(errorKindOf(new LocalizedError('a', text))).toBeUndefined();
    expect(errorKindOf(new Error('x'))).toBeUndefined();
    expect(errorKindOf({ kind: 'not_found' })).toBeUndefined();
  });
});
