/**
 * E2E support: a real service on Kafka (the plan's here, any service's through `startServiceOnKafka`: its own
 * test database, topics under a per-run namespace so parallel suites never read each other's messages), and a
 * "national system": plain kafkajs producer and consumer, exactly what an integrator would write.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DynamicModule, Type } from '@nestjs/common';
import { Kafka, logLevel, type Consumer, type IHeaders, type Producer } from 'kafkajs';
import { decodeIntegrationEvent, type IntegrationEvent } from '@crm/contracts';
import { parseDeadLetter } from '@crm/gateway';
import { startTestIdentity, type TestIdentity } from '@crm/identity/testing';
import type { DeadLetter } from '@crm/messaging';
import type { RunningService } from '@crm/service-kit';
import { planFeatures, startPlanService, type PlanIntegrationOptions, type PlanService } from '@crm/plan';
import { createTestDatabase, kafkaBrokers } from '@crm/testing';

export const WAIT_MS = 60_000;

/** The production feature modules with the integration configured for the test. */
function featuresWith(options: PlanIntegrationOptions): Array<Type<unknown> | DynamicModule> {
  return planFeatures({ integration: options });
}

/** Polls `check` every 200 ms until it returns a value (not undefined/false), up to `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  check: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = WAIT_MS,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** A real service on the real broker, with its identity service and its per-run topic namespace. */
export interface ServiceOnKafka<S extends RunningService = RunningService> {
  service: S;
  /** The identity service the service verifies tokens against. */
  identity: TestIdentity;
  /** Prefix of every topic of this run, e.g. `e2e-1a2b3c.`. */
  namespace: string;
  topic(logical: string): string;
  /** A call to the service's HTTP API as a demo account, logged in at the identity service (e.g. `st.coordinator`). */
  api(
    username: string,
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: any }>;
  stop(): Promise<void>;
}

export type PlanOnKafka = ServiceOnKafka<PlanService>;

/**
 * Starts a service on Kafka: its own test database (`e2e_<name>`), a temporary data folder, a real identity
 * service, and topics under a fresh namespace. `start` gets the environment and the namespace.
 */
export async function startServiceOnKafka<S extends RunningService>(
  name: string,
  start: (env: Record<string, string>, namespace: string) => Promise<S>,
): Promise<ServiceOnKafka<S>> {
  const namespace = `e2e-${randomUUID().slice(0, 8)}.`;
  const db = await createTestDatabase(`e2e_${name}`);
  const dir = mkdtempSync(join(tmpdir(), `crm-e2e-${name}-`));
  let identity: TestIdentity | undefined;
  let service: S;
  try {
    identity = await startTestIdentity();
    const env = {
      DATABASE_URL: db.url,
      BUS: 'kafka',
      KAFKA_BROKERS: kafkaBrokers().join(','),
      CRM_DATA_DIR: dir,
      ...identity.env,
    };
    service = await start(env, namespace);
  } catch (error) {
    await identity?.stop().catch(() => undefined);
    await db.drop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const started = identity;
  return {
    service,
    identity: started,
    namespace,
    topic: (logical) => `${namespace}${logical}`,
    async api(username, method, path, body) {
      const headers: Record<string, string> = { authorization: await started.bearer(username) };
      if (body !== undefined) headers['content-type'] = 'application/json';
      const res = await fetch(`${service.url}${path}`, {
        method,
        headers,
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      const text = await res.text();
      return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
    },
    async stop() {
      await service.close();
      await started.stop();
      await db.drop().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function startPlanOnKafka(
  integration: Omit<PlanIntegrationOptions, 'topicNamespace'> = {},
): Promise<PlanOnKafka> {
  return startServiceOnKafka('plan', (env, namespace) =>
    startPlanService({
      env,
      port: 0,
      host: '127.0.0.1',
      features: featuresWith({ log: () => undefined, ...integration, topicNamespace: namespace }),
      log: () => undefined,
    }),
  );
}

/** How many records `topic` holds now (sum over its partitions of high watermark - low watermark). */
export async function topicRecordCount(topic: string): Promise<number> {
  const admin = new Kafka({
    clientId: `e2e-admin-${randomUUID().slice(0, 6)}`,
    brokers: kafkaBrokers(),
    logLevel: logLevel.NOTHING,
  }).admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return offsets.reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0);
  } finally {
    await admin.disconnect();
  }
}

export interface Received {
  topic: string;
  key: string | null;
  headers: Record<string, string>;
  value: Buffer;
}

/** A national system on the real broker: a producer, and a consumer that keeps everything it reads. */
export class NationalSystem {
  readonly received: Received[] = [];
  private readonly kafka = new Kafka({
    clientId: `national-${randomUUID().slice(0, 6)}`,
    brokers: kafkaBrokers(),
    logLevel: logLevel.NOTHING,
  });
  private producer: Producer | null = null;
  private consumer: Consumer | null = null;

  /** Connects and subscribes to `topics`; resolves once the consumer group was joined. */
  async start(topics: string[]): Promise<void> {
    // Topics the service has just created may not be in every metadata answer yet (KRaft propagation).
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      await waitFor('the topics to be visible in the broker metadata', async () => {
        try {
          const metadata = await admin.fetchTopicMetadata({ topics });
          return metadata.topics.every(
            (t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0),
          );
        } catch {
          return false;
        }
      });
    } finally {
      await admin.disconnect();
    }
    this.producer = this.kafka.producer({ allowAutoTopicCreation: false });
    await this.producer.connect();
    const consumer = this.kafka.consumer({
      groupId: `national-test-${randomUUID()}`,
      sessionTimeout: 30_000,
      heartbeatInterval: 1_000,
      maxWaitTimeInMs: 500,
    });
    this.consumer = consumer;
    const joined = new Promise<void>((resolve) => {
      const remove = consumer.on(consumer.events.GROUP_JOIN, () => {
        remove();
        resolve();
      });
    });
    await consumer.connect();
    await consumer.subscribe({ topics, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ topic, message }) => {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(message.headers ?? {}))
          if (v !== undefined) headers[k] = Buffer.isBuffer(v) ? v.toString('utf8') : String(v);
        this.received.push({
          topic,
          key: message.key ? message.key.toString('utf8') : null,
          headers,
          value: message.value ?? Buffer.alloc(0),
        });
      },
    });
    await waitFor('the national system consumer to join its group', () => joined.then(() => true));
  }

  async send(
    topic: string,
    messages: Array<{ key: string; headers: Record<string, string>; value: Buffer }>,
  ): Promise<void> {
    for (let i = 0; i < messages.length; i += 100) {
      await this.producer!.send({
        topic,
        acks: -1,
        messages: messages
          .slice(i, i + 100)
          .map((m) => ({ key: m.key, value: m.value, headers: m.headers as IHeaders })),
      });
    }
  }

  /** Decoded integration events received on `topic` (invalid ones throw: the platform must only publish valid events). */
  events(topic: string): IntegrationEvent[] {
    return this.received
      .filter((r) => r.topic === topic)
      .map((r) => {
        const d = decodeIntegrationEvent(r);
        if (!d.ok) throw new Error(`invalid event on ${topic}: ${d.code} ${d.message.en}`);
        return d.event;
      });
  }

  deadLetters(topicPredicate: (topic: string) => boolean): DeadLetter[] {
    return this.received.filter((r) => topicPredicate(r.topic)).map((r) => parseDeadLetter(r.value)!);
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect().catch(() => undefined);
    await this.producer?.disconnect().catch(() => undefined);
  }
}
