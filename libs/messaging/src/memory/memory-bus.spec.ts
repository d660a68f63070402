import { describeBusContract } from '../testing/bus-contract';
import { MemoryBus } from './memory-bus';
import { assignPartitions, partitionOf } from './partitioning';
import { Signal } from './signal';

describe('memory bus building blocks', () => {
  it('hashes a key to a stable partition within range', () => {
    const counts = [0, 0, 0];
    for (let i = 0; i < 300; i++) counts[partitionOf(`case-${i}`, 3)]++;
    expect(counts.every((c) => c > 50)).toBe(true);
    expect(partitionOf('case-7', 3)).toBe(partitionOf('case-7', 3));
  });

  it('deals partitions round-robin over the members', () => {
    expect(assignPartitions(3, 2)).toEqual([0, 1, 0]);
    expect(assignPartitions(3, 5)).toEqual([0, 1, 2]);
    expect(assignPartitions(3, 0)).toEqual([]);
  });

  it('wakes a waiter taken before the notify', async () => {
    const s = new Signal();
    const woken = s.wait().then(() => 'woken');
    s.notify();
    await expect(woken).resolves.toBe('woken');
  });

  it('refuses messages for a topic that was never created', async () => {
    const bus = new MemoryBus();
    await expect(bus.publish([{ topic: 'nope', key: 'k', value: Buffer.from('x') }])).rejects.toThrow(
      /unknown topic nope/,
    );
    await bus.close();
  });
});

describeBusContract({ name: 'memory', create: async () => new MemoryBus() });
