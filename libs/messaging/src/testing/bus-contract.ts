import { randomBytes } from 'node:crypto';
import {
  PoisonMessageError,
  type Bus,
  type ConsumeOptions,
  type Consumer,
  type DeadLetter,
  type DeadLetterEvent,
  type IncomingMessage,
  type OutgoingMessage,
} from '../types';

export interface BusHarness {
  name: string;
  create(): Promise<Bus>;
  /** Default: `bus.close()`. */
  destroy?(bus: Bus): Promise<void>;
  /** Longest wait for an expected delivery (default 60 s: a real broker's group join takes seconds). */
  timeoutMs?: number;
}

/** A fresh topic name per test: `t.<random>`. */
export function randomTopic(): string {
  return `t.${randomBytes(6).toString('hex')}`;
}

/** Polls `check` until it returns true or the time is up; fails with `describe()` in the message. */
export async function eventually(
  check: () => boolean,
  timeoutMs: number,
  describe: () => string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for: ${describe()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function text(m: IncomingMessage): string {
  return m.value.toString('utf8');
}

function msg(topic: string, key: string, value: string, headers?: Record<string, string>): OutgoingMessage {
  return { topic, key, value: Buffer.from(value), headers };
}

/** A gate a handler can wait on; the test opens or fails it. */
function gate(): { wait: Promise<void>; open(): void; fail(error: Error): void } {
  let open!: () => void;
  let fail!: (e: Error) => void;
  const wait = new Promise<void>((resolve, reject) => {
    open = resolve;
    fail = reject;
  });
  return { wait, open, fail };
}

/**
 * The Bus port's contract: every adapter (memory, postgres, kafka) runs it. Message counts are modest;
 * volume and fault injection live in the fault tests.
 */
export function describeBusContract(harness: BusHarness): void {
  const timeout = harness.timeoutMs ?? 60_000;

  describe(`Bus contract: ${harness.name}`, () => {
    let bus: Bus;
    let consumers: Consumer[] = [];

    beforeEach(async () => {
      bus = await harness.create();
      consumers = [];
    });

    afterEach(async () => {
      await Promise.all(consumers.map((c) => c.stop()));
      if (harness.destroy) await harness.destroy(bus);
      else await bus.close();
    });

    async function consume(options: ConsumeOptions): Promise<Consumer> {
      const c = await bus.consume(options);
      consumers.push(c);
      return c;
    }

    async function stop(c: Consumer): Promise<void> {
      consumers = consumers.filter((x) => x !== c);
      await c.stop();
    }

    /** Consumes into an array (and the returned list) until stopped. */
    async function collect(topics: string[], groupId: string, extra: Partial<ConsumeOptions> = {}) {
      const received: IncomingMessage[] = [];
      const consumer = await consume({
        groupId,
        topics,
        handler: async (m) => {
          received.push(m);
        },
        ...extra,
      });
      return { received, consumer };
    }

    async function deadLetters(topic: string) {
      const { received } = await collect([topic], `g.dlq.${randomBytes(4).toString('hex')}`);
      return {
        received,
        letters: () => received.map((m) => JSON.parse(text(m)) as DeadLetter),
      };
    }

    it('delivers a published message with its key, value and headers', async () => {
      const topic = randomTopic();
      await bus.ensureTopics([topic]);
      const { received } = await collect([topic], 'g.roundtrip');
      const value = JSON.stringify({ hello: 'mundo', ñ: 'año' });
      await bus.publish([
        msg(topic, 'case-1', value, { ce_id: 'e-1', ce_type: 'crm.test.v1', ce_specversion: '1.0' }),
      ]);
      await eventually(
        () => received.length >= 1,
        timeout,
        () => 'the message',
      );
      const [m] = received;
      expect(m.topic).toBe(topic);
      expect(m.key).toBe('case-1');
      expect(text(m)).toBe(value);
      expect(m.headers).toMatchObject({ ce_id: 'e-1', ce_type: 'crm.test.v1', ce_specversion: '1.0' });
      expect(m.partition).toBeGreaterThanOrEqual(0);
      expect(m.offset).toMatch(/^\d+$/);
      expect(received).toHaveLength(1);
    });

    it('keeps the order of each key across many keys (50 keys x 40 messages)', async () => {
      const topic = randomTopic();
      await bus.ensureTopics([topic]);
      const keys = Array.from({ length: 50 }, (_, k) => `key-${k}`);
      const batch: OutgoingMessage[] = [];
      for (let i = 0; i < 40; i++) for (const key of keys) batch.push(msg(topic, key, String(i)));
      await bus.publish(batch);
      const { received } = await collect([topic], 'g.order');
      await eventually(
        () => received.length >= batch.length,
        timeout,
        () => `${batch.length} messages, got ${received.length}`,
      );
      const perKey = new Map<string, number[]>();
      for (const m of received) perKey.set(m.key!, [...(perKey.get(m.key!) ?? []), Number(text(m))]);
      const expected = Array.from({ length: 40 }, (_, i) => i);
      for (const key of keys) expect({ key, seq: perKey.get(key) }).toEqual({ key, seq: expected });
      expect(received).toHaveLength(batch.length);
    });

    it('gives every consumer group all the messages', async () => {
      const topic = randomTopic();
      await bus.ensureTopics([topic]);
      const a = await collect([topic], 'g.a');
      const b = await collect([topic], 'g.b');
      const batch = Array.from({ length: 30 }, (_, i) => msg(topic, `k${i % 7}`, `m${i}`));
      await bus.publish(batch);
      await eventually(
        () => a.received.length >= 30 && b.received.length >= 30,
        timeout,
        () => `30 each, got ${a.received.length}/${b.received.length}`,
      );
      const all = batch.map((m) => m.value.toString()).sort();
      expect(a.received.map(text).sort()).toEqual(all);
      expect(b.received.map(text).sort()).toEqual(all);
    });

    it('splits the partitions between the members of one group, without duplicates', async () => {
      const topic = randomTopic();
      await bus.ensureTopics([topic]);
      const one = await collect([topic], 'g.split');
      const two = await collect([topic], 'g.split');
      const keys = Array.from({ length: 30 }, (_, k) => `key-${k}`);
      const batch: OutgoingMessage[] = [];
      for (let i = 0; i < 5; i++) for (const key of keys) batch.push(msg(topic, key, `${key}/${i}`));
      await bus.publish(batch);
      const lastOfEachKey = () =>
        keys.every((k) => [...one.received, ...two.received].some((m) => text(m) === `${k}/4`));
      await eventually(
        lastOfEachKey,
        timeout,
        () => `the last message of every key (${one.received.length}+${two.received.length} so far)`,
      );
      const values = [...one.received, ...two.received].map(text);
      expect(new Set(values).size).toBe(batch.length);
      expect(values).toHaveLength(batch.length);
      expect(one.received.length).toBeGreaterThan(0);
      expect(two.received.length).toBeGreaterThan(0);
      const keysOf = (r: IncomingMessage[]) => new Set(r.map((m) => m.key));
      for (const key of keysOf(one.received)) expect(keysOf(two.received).has(key)).toBe(false);
    });

    it('redelivers a message whose handler failed, before the next message of its key', async () => {
      const topic = randomTopic();
      await bus.ensureTopics([topic]);
      const handled: string[] = [];
      const attempts = new Map<string, number>();
      await consume({
        groupId: 'g.retry',
        topics: [topic],
        maxAttempts: 5,
        handler: async (m) => {
          const v = text(m);
          attempts.set(v, (attempts.get(v) ?? 0) + 1);
          if (v === 'second' && attempts.get(v)! < 3) throw new Error('transient failure');
          handled.push(v);
        },
      });
      await bus.publish(['first', 'second', 'third'].map((v) => msg(topic, 'same-key', v)));
      await eventually(
        () => handled.length >= 3,
        timeout,
        () => `3 handled, got ${handled.join(',')}`,
      );
      expect(handled).toEqual(['first', 'second', 'third']);
      expect(attempts.get('second')).toBe(3);
      expect(attempts.get('third')).toBe(1);
    });

    it('commits only after success: a consumer that dies mid-message leaves it to the next one', async () => {
      const topic = randomTopic();
      await bus.ensureTopics([topic]);
      const crash = gate();
      const reached = gate();
      const firstRun: string[] = [];
      const consumer = await consume({
        groupId: 'g.crash',
        topics: [topic],
        handler: async (m) => {
          if (text(m) === 'm1') {
            reached.open();
            await crash.wait;
          }
          firstRun.push(text(m));
        },
      });
      await bus.publish(['m0', 'm1', 'm2'].map((v) => msg(topic, 'k', v)));
      await reached.wait;
      const stopping = stop(consumer);
      crash.fail(new Error('process died'));
      await stopping;
      expect(firstRun).toEqual(['m0']);

      const { received } = await collect([topic], 'g.crash');
      await eventually(
        () => received.length >= 2,
        timeout,
        () => `m1 and m2 again, got ${received.map(text).join(',')}`,
      );
      expect(received.map(text)).toEqual(['m1', 'm2']);
    });

    it('resumes a group after its last committed message when a consumer restarts', async () => {
      const topic = randomTopic();
      await bus.ensureTopics([topic]);
      await bus.publish(Array.from({ length: 10 }, (_, i) => msg(topic, 'k', `before-${i}`)));
      const first = await collect([topic], 'g.resume');
      await eventually(
        () => first.received.length >= 10,
        timeout,
        () => `10 messages, got ${first.received.length}`,
      );
      await stop(first.consumer);
      await bus.publish([
        ...Array.from({ length: 5 }, (_, i) => msg(topic, 'k', `after-${i}`)),
        msg(topic, 'k', 'end'),
      ]);
      const second = await collect([topic], 'g.resume');
      await eventually(
        () => second.received.some((m) => text(m) === 'end'),
        timeout,
        () => `the end marker, got ${second.received.map(text).join(',')}`,
      );
      expect(second.received.map(text)).toEqual([
        'after-0',
        'after-1',
        'after-2',
        'after-3',
        'after-4',
        'end',
      ]);
      expect(first.received.map(text)).toEqual(Array.from({ length: 10 }, (_, i) => `before-${i}`));
    });

    it('sends a poison message to <topic>.dlq with the reason and the original, and keeps the partition flowing', async () => {
      const topic = randomTopic();
      await bus.ensureTopics([topic]);
      const handled: string[] = [];
      let poisonCalls = 0;
      await consume({
        groupId: 'g.poison',
        topics: [topic],
        handler: async (m) => {
          if (text(m) === 'poison') {
            poisonCalls++;
            throw new PoisonMessageError('schema_violation', {
              es: 'El mensaje no cumple el esquema',
              en: 'The message violates the schema',
            });
          }
          handled.push(text(m));
        },
      });
      const dlq = await deadLetters(`${topic}.dlq`);
      await bus.publish([
        msg(topic, 'k', 'ok-1'),
        msg(topic, 'k', 'poison', { ce_id: 'bad-1' }),
        msg(topic, 'k', 'ok-2'),
      ]);
      await eventually(
        () => handled.length >= 2 && dlq.received.length >= 1,
        timeout,
        () => `2 handled + 1 dead letter, got ${handled.length}/${dlq.received.length}`,
      );
      expect(handled).toEqual(['ok-1', 'ok-2']);
      expect(poisonCalls).toBe(1);
      const [letter] = dlq.letters();
      expect(letter).toMatchObject({
        code: 'schema_violation',
        reason: 'The message violates the schema',
        message: { es: 'El mensaje no cumple el esquema', en: 'The message violates the schema' },
        attempts: 1,
        original: { topic, key: 'k', headers: expect.objectContaining({ ce_id: 'bad-1' }) },
      });
      expect(Buffer.from(letter.original.valueBase64, 'base64').toString()).toBe('poison');
      expect(letter.original.offset).toMatch(/^\d+$/);
      expect(Number.isNaN(Date.parse(letter.failedAt))).toBe(false);
    });

    it('dead-letters a message after exhausting its attempts and moves on', async () => {
      const topic = randomTopic();
      await bus.ensureTopics([topic]);
      const handled: string[] = [];
      const told: DeadLetterEvent[] = [];
      let calls = 0;
      await consume({
        groupId: 'g.exhaust',
        topics: [topic],
        maxAttempts: 3,
        onDeadLetter: (e) => void told.push(e),
        handler: async (m) => {
          if (text(m) === 'always-fails') {
            calls++;
            throw new Error('downstream unavailable');
          }
          handled.push(text(m));
        },
      });
      const dlq = await deadLetters(`${topic}.dlq`);
      await bus.publish([msg(topic, 'k', 'always-fails'), msg(topic, 'k', 'next')]);
      await eventually(
        () => handled.length >= 1 && dlq.received.length >= 1 && told.length >= 1,
        timeout,
        () => 'next handled + 1 dead letter',
      );
      expect(calls).toBe(3);
      expect(handled).toEqual(['next']);
      expect(dlq.letters()[0]).toMatchObject({
        code: 'handler_failed',
        reason: 'downstream unavailable',
        attempts: 3,
      });
      expect(dlq.letters()[0].message.en).toMatch(/3 times/);
      expect(told).toEqual([{ topic, deadLetterTopic: `${topic}.dlq`, code: 'handler_failed' }]);
    });

    it('answers ping while open', async () => {
      await expect(bus.ping()).resolves.toBeUndefined();
    });

    it('uses a custom dead-letter topic when given', async () => {
      const topic = randomTopic();
      const custom = `${topic}.rejects`;
      await bus.ensureTopics([topic]);
      await consume({
        groupId: 'g.custom-dlq',
        topics: [topic],
        deadLetterTopic: () => custom,
        handler: async () => {
          throw new PoisonMessageError('too_large', { es: 'Demasiado grande', en: 'Too large' });
        },
      });
      const dlq = await deadLetters(custom);
      await bus.publish([msg(topic, 'k', 'x')]);
      await eventually(
        () => dlq.received.length >= 1,
        timeout,
        () => 'a dead letter on the custom topic',
      );
      expect(dlq.letters()[0].code).toBe('too_large');
    });
  });
}
