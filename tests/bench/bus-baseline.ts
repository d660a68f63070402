/**
 * Raw kafkajs baseline for the bus benchmark: the same work KafkaBus does (idempotent producer, acks=all,
 * key order; consumer with manual commit after each message) written directly against kafkajs, so the
 * adapter's overhead can be measured against it in the same run on the same broker.
 *
 * Smoke run (starts a throwaway broker unless KAFKA_BROKERS is set):
 *   npx ts-node -r tsconfig-paths/register --transpile-only tests/bench/bus-baseline.ts   (BENCH_SCALE=0.1)
 */
import { randomBytes } from 'node:crypto';
import { Kafka, Partitioners, logLevel } from 'kafkajs';
import { KafkaBus, silent } from '@crm/messaging-kafka';
import { startKafkaBroker } from '@crm/testing';
import { fmt, scaled, table, timed } from './bench-util';

export interface BaselineMessage {
  key: string;
  value: Buffer;
}

function client(brokers: string[]): Kafka {
  return new Kafka({ clientId: 'crm-bench-raw', brokers, logLevel: logLevel.NOTHING });
}

export async function createRawTopic(brokers: string[], topic: string, partitions = 3): Promise<void> {
  const admin = client(brokers).admin();
  await admin.connect();
  try {
    await admin.createTopics({
      waitForLeaders: true,
      topics: [{ topic, numPartitions: partitions, replicationFactor: 1 }],
    });
  } finally {
    await admin.disconnect();
  }
}

/** Publishes `messages` in batches of `batchSize` with the producer settings KafkaBus uses. */
export async function rawProduce(
  brokers: string[],
  topic: string,
  messages: BaselineMessage[],
  batchSize: number,
): Promise<number> {
  const producer = client(brokers).producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  try {
    const { seconds } = await timed(async () => {
      for (let i = 0; i < messages.length; i += batchSize) {
        await producer.send({ topic, acks: -1, messages: messages.slice(i, i + batchSize) });
      }
    });
    return seconds;
  } finally {
    await producer.disconnect();
  }
}

/**
 * Consumes until `expected` messages were seen, committing each offset after its (empty) handler like
 * KafkaBus, or only resolving offsets when `commitEachMessage` is false. Returns seconds from the group
 * join to the last message.
 */
export async function rawConsume(
  brokers: string[],
  topic: string,
  expected: number,
  options: { commitEachMessage: boolean; partitionsConsumedConcurrently?: number },
): Promise<number> {
  const consumer = client(brokers).consumer({
    groupId: `bench.raw.${randomBytes(4).toString('hex')}`,
    maxWaitTimeInMs: 500,
    allowAutoTopicCreation: false,
  });
  let seen = 0;
  let joinedAt = 0n;
  let done!: () => void;
  const finished = new Promise<void>((resolve) => (done = resolve));
  consumer.on(consumer.events.GROUP_JOIN, () => (joinedAt = process.hrtime.bigint()));
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({
    autoCommit: !options.commitEachMessage,
    partitionsConsumedConcurrently: options.partitionsConsumedConcurrently ?? 3,
    eachMessage: async ({ partition, message }) => {
      if (options.commitEachMessage) {
        await consumer.commitOffsets([
          { topic, partition, offset: (BigInt(message.offset) + 1n).toString() },
        ]);
      }
      if (++seen === expected) done();
    },
  });
  await finished;
  const seconds = Number(process.hrtime.bigint() - joinedAt) / 1e9;
  await consumer.disconnect();
  return seconds;
}

/** The same consume through KafkaBus, for comparison. */
export async function busConsume(brokers: string[], topic: string, expected: number): Promise<number> {
  const bus = new KafkaBus({ brokers, clientId: 'crm-bench-bus', log: silent });
  let seen = 0;
  let done!: () => void;
  const finished = new Promise<void>((resolve) => (done = resolve));
  const started = process.hrtime.bigint();
  const consumer = await bus.consume({
    groupId: `bench.bus.${randomBytes(4).toString('hex')}`,
    topics: [topic],
    handler: async () => {
      if (++seen === expected) done();
    },
  });
  await finished;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await consumer.stop();
  await bus.close();
  return seconds;
}

export function baselineMessages(count: number, keys: number, bytes = 300): BaselineMessage[] {
  const body = Buffer.alloc(bytes, 'x');
  return Array.from({ length: count }, (_, i) => ({ key: `stream-${i % keys}`, value: body }));
}

async function main(): Promise<void> {
  const broker = process.env.KAFKA_BROKERS ? undefined : await startKafkaBroker();
  const brokers = (process.env.KAFKA_BROKERS ?? broker!.brokers).split(',');
  try {
    const count = scaled(10_000);
    const messages = baselineMessages(count, 500);
    const topic = `bench.${randomBytes(4).toString('hex')}`;
    await createRawTopic(brokers, topic);
    const produce = await rawProduce(brokers, topic, messages, 100);
    const bus = new KafkaBus({ brokers, clientId: 'crm-bench-bus', log: silent });
    const busTopic = `bench.${randomBytes(4).toString('hex')}`;
    await bus.ensureTopics([busTopic]);
    const { seconds: busProduce } = await timed(async () => {
      for (let i = 0; i < messages.length; i += 100)
        await bus.publish(messages.slice(i, i + 100).map((m) => ({ topic: busTopic, ...m })));
    });
    await bus.close();
    const rawCommit = await rawConsume(brokers, topic, count, { commitEachMessage: true });
    const rawAuto = await rawConsume(brokers, topic, count, { commitEachMessage: false });
    const viaBus = await busConsume(brokers, busTopic, count);
    const rate = (s: number) => fmt(count / s);
    console.log(
      table(
        ['operation', 'messages', 'seconds', 'msg/s'],
        [
          [
            'raw kafkajs produce (batches of 100, acks=all, idempotent)',
            count,
            fmt(produce, 2),
            rate(produce),
          ],
          ['KafkaBus.publish (batches of 100)', count, fmt(busProduce, 2), rate(busProduce)],
          ['raw kafkajs consume, commit each message', count, fmt(rawCommit, 2), rate(rawCommit)],
          ['raw kafkajs consume, auto-commit', count, fmt(rawAuto, 2), rate(rawAuto)],
          ['KafkaBus.consume (commit after each handler)', count, fmt(viaBus, 2), rate(viaBus)],
        ],
      ),
    );
  } finally {
    await broker?.stop();
  }
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
