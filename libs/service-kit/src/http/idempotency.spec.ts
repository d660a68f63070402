import { expectedRevisionOf, idempotencyKeyOf } from './idempotency';
import { RequestValidationError } from './validation';

describe('command headers', () => {
  it('If-Match "3" or 3 is the revision the caller decided on; absent or * is none', () => {
    expect(expectedRevisionOf({ 'if-match': '"3"' })).toBe(3);
    expect(expectedRevisionOf({ 'if-match': '3' })).toBe(3);
    expect(expectedRevisionOf({ 'if-match': ' "0" ' })).toBe(0);
    expect(expectedRevisionOf({ 'if-match': ['"12"'] })).toBe(12);
    expect(expectedRevisionOf({})).toBeUndefined();
    expect(expectedRevisionOf({ 'if-match': '*' })).toBeUndefined();
  });

  it.each(['', '"-1"', '-1', 'W/"-3"', '"3", "4"', '"abc"', '3.5', '"3', '1e3', '"1234567890123456"'])(
    'refuses If-Match %j with 400 on headers.if-match',
    (value) => {
      const error = (() => {
        try {
          expectedRevisionOf({ 'if-match': value });
        } catch (e) {
          return e;
        }
        return undefined;
      })();
      expect(error).toBeInstanceOf(RequestValidationError);
      expect(error).toMatchObject({
        code: 'request.validation',
        kind: 'invalid_request',
        problems: [{ field: 'headers.if-match', constraints: ['entity_tag'] }],
      });
    },
  );

  it('two If-Match headers are refused (one command decides on one revision)', () => {
    expect(() => expectedRevisionOf({ 'if-match': ['"1"', '"2"'] })).toThrow(RequestValidationError);
  });

  it('Idempotency-Key: absent is none, a malformed key is a 400', () => {
    expect(idempotencyKeyOf({})).toBeUndefined();
    expect(idempotencyKeyOf({ 'idempotency-key': 'evt-1' })).toBe('evt-1');
    expect(() => idempotencyKeyOf({ 'idempotency-key': 'a b' })).toThrow(RequestValidationError);
  });
});
