import { Kafka, Partitioners, type Admin, type Producer } from 'kafkajs';
import {
  deadLetterHeaders,
  defaultDeadLetterTopic,
  handleWithRetries,
  sleep,
  type BackoffOptions,
  type Bus,
  type ConsumeOptions,
  type Consumer,
  type OutgoingMessage,
} from '@crm/messaging';
import { byTopic, nextOffset, toIncoming } from './kafka-message';
import {
  kafkaLogLevel,
  quietLogCreator,
  stderrErrors,
  type KafkaLogLevel,
  type KafkaLogSink,
} from './kafka-log';

export interface KafkaBusOptions {
  brokers: string[];
  clientId?: string;
  /** Partitions of topics created by ensureTopics (default 3). */
  partitions?: number;
  /** Replication factor of created topics (default 1: a single test/dev broker; production uses 3). */
  replicationFactor?: number;
  /** Consumer session timeout (default 10 s); a silent member is evicted after it. */
  sessionTimeoutMs?: number;
  heartbeatIntervalMs?: number;
  /** Longest fetch long-poll (default 500 ms): bounds how long `stop()` waits for an idle fetch. */
  maxWaitTimeMs?: number;
  /** How long `consume` waits for the group join (default 60 s). */
  joinTimeoutMs?: number;
  /** Partitions handled in parallel per consumer (default 3); each partition stays sequential. */
  partitionsConsumedConcurrently?: number;
  /** Back-off between handler attempts (default 100 ms doubling to 5 s). */
  backoff?: BackoffOptions;
  /** Where kafkajs logs go (default: errors as JSON lines on stderr). */
  log?: KafkaLogSink;
  logLevel?: KafkaLogLevel;
}

/** Thrown out of eachMessage when the consumer stops mid-message: kafkajs then neither resolves nor commits it. */
class ConsumerStopping extends Error {
  constructor() {
    super('consumer stopping: message left uncommitted for redelivery');
    this.name = 'ConsumerStopping';
  }
}

/** kafkajs reports our deliberate ConsumerStopping as an eachMessage error: not worth a log line. */
function withoutStops(sink: KafkaLogSink): KafkaLogSink {
  return (entry) => {
    const error = entry.extra.error;
    if (error instanceof ConsumerStopping) return;
    sink(entry);
  };
}

/**
 * The Bus port on Apache Kafka (kafkajs 2.2). Producer: idempotent, acks=all, one request in flight
 * (order per key survives retries), Java-compatible murmur2 partitioner. Consumer: one handler call at a
 * time per partition, offset committed only after the handler succeeded or the message was written to
 * the dead-letter topic (acks=all) — a crash in between redelivers it (at least once).
 */
export class KafkaBus implements Bus {
  private readonly kafka: Kafka;
  private producer?: Promise<Producer>;
  private admin?: Promise<Admin>;
  private readonly consumers = new Set<Consumer>();
  private readonly knownTopics = new Set<string>();
  private closed = false;

  constructor(private readonly options: KafkaBusOptions) {
    if (options.brokers.length === 0) throw new Error('KafkaBus: no brokers configured (KAFKA_BROKERS)');
    this.kafka = new Kafka({
      clientId: options.clientId ?? 'crm',
      brokers: options.brokers,
      logLevel: kafkaLogLevel(options.logLevel ?? 'error'),
      logCreator: quietLogCreator(withoutStops(options.log ?? stderrErrors)),
      retry: { initialRetryTime: 100, retries: 8 },
    });
  }

  async ensureTopics(topics: string[]): Promise<void> {
    const wanted = [...new Set(topics)].filter((t) => !this.knownTopics.has(t));
    if (wanted.length === 0) return;
    const admin = await this.connectAdmin();
    const existing = new Set(await admin.listTopics());
    const missing = wanted.filter((t) => !existing.has(t));
    if (missing.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({
          topic,
          numPartitions: this.options.partitions ?? 3,
          replicationFactor: this.options.replicationFactor ?? 1,
        })),
      });
    }
    for (const t of wanted) this.knownTopics.add(t);
  }

  /** Readiness: the cluster's metadata through the admin client (one round trip to a broker). */
  async ping(): Promise<void> {
    this.assertOpen();
    await (await this.connectAdmin()).describeCluster();
  }

  async publish(messages: OutgoingMessage[]): Promise<void> {
    this.assertOpen();
    if (messages.length === 0) return;
    const producer = await this.connectProducer();
    await producer.sendBatch({ acks: -1, topicMessages: byTopic(messages) });
  }

  async consume(options: ConsumeOptions): Promise<Consumer> {
    this.assertOpen();
    const deadLetterTopic = options.deadLetterTopic ?? defaultDeadLetterTopic;
    await this.ensureTopics(options.topics.map(deadLetterTopic));
    await this.connectProducer(); // dead letters must not wait for a first connection

    const consumer = this.kafka.consumer({
      groupId: options.groupId,
      sessionTimeout: this.options.sessionTimeoutMs ?? 10_000,
      heartbeatInterval: this.options.heartbeatIntervalMs ?? 1_000,
      maxWaitTimeInMs: this.options.maxWaitTimeMs ?? 500,
      allowAutoTopicCreation: false,
      retry: { initialRetryTime: 100, retries: 8 },
    });
    let stopping = false;
    const isActive = () => !stopping && !this.closed;

    const joined = new Promise<void>((resolve) => {
      const remove = consumer.on(consumer.events.GROUP_JOIN, () => {
        remove();
        resolve();
      });
    });

    await consumer.connect();
    await consumer.subscribe({ topics: options.topics, fromBeginning: options.fromBeginning ?? true });
    await consumer.run({
      autoCommit: false,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 3,
      eachMessage: async ({ topic, partition, message, heartbeat }) => {
        const incoming = toIncoming(topic, partition, message);
        const outcome = await handleWithRetries(incoming, options.handler, {
          maxAttempts: options.maxAttempts,
          backoff: this.options.backoff,
          isActive,
          // keep the membership alive while backing off; a rebalance error aborts (no commit)
          wait: async (ms) => {
            await sleep(ms);
            await heartbeat();
          },
        });
        if (outcome.kind === 'aborted') throw new ConsumerStopping();
        if (outcome.kind === 'dead') {
          const producer = await this.connectProducer();
          await producer.send({
            topic: deadLetterTopic(topic),
            acks: -1,
            messages: [
              {
                key: incoming.key,
                value: Buffer.from(JSON.stringify(outcome.letter)),
                headers: deadLetterHeaders(incoming, outcome.letter),
              },
            ],
          });
          options.onDeadLetter?.({
            topic,
            deadLetterTopic: deadLetterTopic(topic),
            code: outcome.letter.code,
          });
        }
        try {
          await consumer.commitOffsets([{ topic, partition, offset: nextOffset(message.offset) }]);
        } catch {
          // The group is rebalancing or the coordinator moved: the message stays uncommitted and is
          // redelivered to this partition's next owner (at least once). Consumers are idempotent.
        }
      },
    });

    const timeoutMs = this.options.joinTimeoutMs ?? 60_000;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>(
      (resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)),
    );
    const result = await Promise.race([joined.then(() => 'joined' as const), timedOut]);
    clearTimeout(timer);
    if (result === 'timeout') {
      await consumer.disconnect().catch(() => undefined);
      throw new Error(`KafkaBus: consumer of group ${options.groupId} did not join within ${timeoutMs} ms`);
    }

    const handle: Consumer = {
      stop: async () => {
        if (stopping) return;
        stopping = true;
        this.consumers.delete(handle);
        await consumer.disconnect();
      },
    };
    this.consumers.add(handle);
    return handle;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await Promise.all([...this.consumers].map((c) => c.stop()));
    this.closed = true;
    const [producer, admin] = await Promise.all([
      this.producer?.catch(() => undefined),
      this.admin?.catch(() => undefined),
    ]);
    await Promise.all([producer?.disconnect(), admin?.disconnect()]);
  }

  private connectProducer(): Promise<Producer> {
    if (!this.producer) {
      const producer = this.kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
        createPartitioner: Partitioners.DefaultPartitioner,
      });
      this.producer = producer.connect().then(() => producer);
      this.producer.catch(() => (this.producer = undefined));
    }
    return this.producer;
  }

  private connectAdmin(): Promise<Admin> {
    if (!this.admin) {
      const admin = this.kafka.admin();
      this.admin = admin.connect().then(() => admin);
      this.admin.catch(() => (this.admin = undefined));
    }
    return this.admin;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('KafkaBus: closed');
  }
}
