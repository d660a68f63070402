import { describeWithKafka, startKafkaBroker, type KafkaBrokerHandle } from '@crm/testing';
import type { IncomingMessage } from '@crm/messaging';
import { eventually, randomTopic } from '@crm/messaging/testing';
import { KafkaBus } from './kafka-bus';
import { silent } from './kafka-log';

describeWithKafka('test broker: restart keeps port and data', () => {
  let broker: KafkaBrokerHandle | undefined;
  afterAll(async () => {
    await broker?.stop();
  });

  it('serves the messages written before a restart, on the same address, to a producer that reconnects', async () => {
    broker = await startKafkaBroker();
    const address = broker.brokers;
    const bus = new KafkaBus({ brokers: [address], log: silent });
    const topic = randomTopic();
    await bus.ensureTopics([topic]);
    await bus.publish([{ topic, key: 'k', value: Buffer.from('before restart') }]);

    await broker.restart();
    expect(broker.brokers).toBe(address);
    await bus.publish([{ topic, key: 'k', value: Buffer.from('after restart') }]);

    const received: IncomingMessage[] = [];
    const consumer = await bus.consume({
      groupId: 'g.restart',
      topics: [topic],
      handler: async (m) => void received.push(m),
    });
    await eventually(
      () => received.length >= 2,
      60_000,
      () => 'both messages',
    );
    await consumer.stop();
    await bus.close();
    expect(received.map((m) => m.value.toString())).toEqual(['before restart', 'after restart']);
  });
});
