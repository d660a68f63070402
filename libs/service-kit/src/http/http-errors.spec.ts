import {
  ConflictError,
  LocalizedError,
  NotFoundError,
  PreconditionFailedError,
  TooLargeError,
} from '@crm/kernel';
import { WrongExpectedRevisionError } from '@crm/event-store';
import { ConfigurationError } from '@crm/config';
import { CALLER_ERROR_KINDS, ERROR_KINDS } from '@crm/kernel';
import { HTTP_STATUS_OF_KIND, httpStatusOf } from './http-errors';

describe('httpStatusOf', () => {
  it('maps the kernel error kinds to their statuses', () => {
    const t = { es: 'x', en: 'x' };
    expect(httpStatusOf(new NotFoundError('a', t))).toBe(404);
    expect(httpStatusOf(new ConflictError('a', t))).toBe(409);
    expect(httpStatusOf(new PreconditionFailedError('a', t))).toBe(412);
    expect(httpStatusOf(new TooLargeError('a', t))).toBe(413);
    expect(httpStatusOf(new WrongExpectedRevisionError('s-1', 2, 3))).toBe(409);
    expect(httpStatusOf(new ConfigurationError('config.invalid', t))).toBe(500);
    expect(httpStatusOf(new LocalizedError('a', t))).toBe(422);
    expect(httpStatusOf(new Error('boom'))).toBe(500);
  });

  it('gives every kind the caller must fix a 4xx status and every other kind a 5xx', () => {
    for (const kind of ERROR_KINDS) {
      const status = HTTP_STATUS_OF_KIND[kind];
      expect([kind, CALLER_ERROR_KINDS.has(kind)]).toEqual([kind, status >= 400 && status < 500]);
    }
  });
});
