import { MemoryBus, type IncomingMessage } from '@crm/messaging';
import { eventually } from '@crm/messaging/testing';
import { PoisonMessageError } from '@crm/messaging';
import { namespacedBus } from './namespaced-bus';

describe('namespacedBus', () => {
  it('keeps topics under the prefix while handlers see logical names, dead letters included', async () => {
    const inner = new MemoryBus({ backoff: { initialMs: 1, maxMs: 2 } });
    const bus = namespacedBus(inner, 'run1.');
    await bus.ensureTopics(['crm.HN.in.plan']);
    const seen: IncomingMessage[] = [];
    const consumer = await bus.consume({
      groupId: 'g',
      topics: ['crm.HN.in.plan'],
      handler: async (m) => {
        seen.push(m);
        if (m.value.toString() === 'bad') throw new PoisonMessageError('bad', { es: 'malo', en: 'bad' });
      },
    });
    await bus.publish([
      { topic: 'crm.HN.in.plan', key: 'k', value: Buffer.from('ok') },
      { topic: 'crm.HN.in.plan', key: 'k', value: Buffer.from('bad') },
    ]);
    await eventually(
      () => seen.length === 2,
      5000,
      () => `${seen.length} seen`,
    );
    expect(seen.map((m) => m.topic)).toEqual(['crm.HN.in.plan', 'crm.HN.in.plan']);

    const raw: IncomingMessage[] = [];
    const reader = await inner.consume({
      groupId: 'raw',
      topics: ['run1.crm.HN.in.plan.dlq'],
      handler: async (m) => void raw.push(m),
    });
    await eventually(
      () => raw.length === 1,
      5000,
      () => 'dead letter under the namespace',
    );
    await expect(
      inner.publish([{ topic: 'crm.HN.in.plan', key: 'k', value: Buffer.from('x') }]),
    ).rejects.toThrow(/unknown topic/);
    await reader.stop();
    await consumer.stop();
    await inner.close();
  });

  it('refuses a namespace that would not be a clean topic prefix', () => {
    expect(() => namespacedBus(new MemoryBus(), 'no-dot')).toThrow(/namespace/);
    expect(() => namespacedBus(new MemoryBus(), 'a b.')).toThrow(/namespace/);
  });
});
