import { expectedRevisionOf } from './idempotency';
import { requestFingerprint } from './idempotency-fingerprints';
import { revisionOf } from './etag';

describe('If-Match, revision ETags and request fingerprints', () => {
  it('reads If-Match as the expected revision', () => {
    expect(expectedRevisionOf({})).toBeUndefined();
    expect(expectedRevisionOf({ 'if-match': '*' })).toBeUndefined();
    expect(expectedRevisionOf({ 'if-match': '"0"' })).toBe(0);
    expect(expectedRevisionOf({ 'if-match': ' W/"12" ' })).toBe(12);
    expect(expectedRevisionOf({ 'if-match': '12' })).toBe(12);
    for (const bad of ['"a"', '"1", "2"', 'W/12', '"-1"', '""'])
      expect(() => expectedRevisionOf({ 'if-match': bad })).toThrow(/headers\.if-match/);
  });

  it('takes the revision of a body only when it is a top-level non-negative integer', () => {
    expect(revisionOf({ revision: 3 })).toBe(3);
    for (const body of [{ revision: '3' }, { revision: -1 }, { revision: 1.5 }, [{ revision: 1 }], null, 'x'])
      expect(revisionOf(body)).toBeUndefined();
  });

  it('fingerprints what the request asks, whatever the key order of its JSON', () => {
    const a = requestFingerprint({ params: { id: 'n1' }, query: {}, body: { text: 'x', n: 1 } });
    expect(requestFingerprint({ params: { id: 'n1' }, query: {}, body: { n: 1, text: 'x' } })).toBe(a);
    expect(requestFingerprint({ params: { id: 'n2' }, query: {}, body: { text: 'x', n: 1 } })).not.toBe(a);
    expect(requestFingerprint({ params: { id: 'n1' }, query: {}, body: { text: 'y', n: 1 } })).not.toBe(a);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
  });
});
