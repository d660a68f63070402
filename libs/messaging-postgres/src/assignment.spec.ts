import { assignPartitions } from './assignment';
import { partitionFor } from './partitioner';
import { backoffDelay } from '@crm/messaging';

const parts = (topic: string, n: number) =>
  Array.from({ length: n }, (_, partition) => ({ topic, partition }));

describe('partition assignment', () => {
  it('deals every partition to exactly one live member, identically on every member', () => {
    const all = [...parts('b', 3), ...parts('a', 3)];
    const members = ['m3', 'm1', 'm2', 'm4'];
    const shares = members.map((m) =>
      assignPartitions(all, members, m).map((p) => `${p.topic}${p.partition}`),
    );
    expect(shares.flat().sort()).toEqual(['a0', 'a1', 'a2', 'b0', 'b1', 'b2']);
    expect(new Set(shares.flat()).size).toBe(6);
    expect(shares.every((s) => s.length >= 1 && s.length <= 2)).toBe(true);
  });

  it('counts the asking member even before its row is visible, and gives extra members nothing', () => {
    expect(assignPartitions(parts('t', 3), [], 'solo')).toHaveLength(3);
    const four = ['a', 'b', 'c', 'd'];
    expect(four.map((m) => assignPartitions(parts('t', 3), four, m).length)).toEqual([1, 1, 1, 0]);
  });
});

describe('partitioner', () => {
  it('maps a key to a stable partition in range and spreads keys', () => {
    const counts = [0, 0, 0];
    for (let i = 0; i < 300; i++) counts[partitionFor(`case-${i}`, 3)]++;
    expect(counts.every((c) => c > 60)).toBe(true);
    expect(partitionFor('referral-GT-1', 3)).toBe(partitionFor('referral-GT-1', 3));
    expect(partitionFor(null, 3)).toBe(0);
  });
});

describe('backoff', () => {
  it('doubles up to the cap', () => {
    expect([1, 2, 3, 4, 5].map((a) => backoffDelay(a, { initialMs: 100, maxMs: 500 }))).toEqual([
      100, 200, 400, 500, 500,
    ]);
  });
});
