import { byTopic, nextOffset, toIncoming } from './kafka-message';

describe('kafka message mapping', () => {
  it('commits the offset after the handled one, beyond 2^53', () => {
    expect(nextOffset('41')).toBe('42');
    expect(nextOffset('9007199254740993')).toBe('9007199254740994');
  });

  it('reads key, headers (last value of repeated headers) and value', () => {
    const m = toIncoming('t', 2, {
      key: Buffer.from('case-1'),
      value: Buffer.from('v'),
      headers: { ce_id: Buffer.from('e1'), multi: [Buffer.from('a'), Buffer.from('b')], none: undefined },
      offset: '7',
      timestamp: '0',
      attributes: 0,
    });
    expect(m).toEqual({
      topic: 't',
      key: 'case-1',
      value: Buffer.from('v'),
      headers: { ce_id: 'e1', multi: 'b' },
      partition: 2,
      offset: '7',
    });
  });

  it('maps a null key and value', () => {
    const m = toIncoming('t', 0, {
      key: null,
      value: null,
      offset: '0',
      timestamp: '0',
      attributes: 0,
      headers: {},
    });
    expect(m.key).toBeNull();
    expect(m.value.length).toBe(0);
  });

  it('groups by topic keeping the call order', () => {
    const v = (s: string) => Buffer.from(s);
    const groups = byTopic([
      { topic: 'a', key: 'k', value: v('1') },
      { topic: 'b', key: 'k', value: v('2') },
      { topic: 'a', key: 'k', value: v('3') },
    ]);
    expect(groups.map((g) => [g.topic, g.messages.map((m) => String(m.value))])).toEqual([
      ['a', ['1', '3']],
      ['b', ['2']],
    ]);
  });
});
