import { Client } from 'pg';
import { createTestDatabase } from '@crm/testing';
import { PoisonMessageError, type DeadLetter, type IncomingMessage } from '@crm/messaging';
import { postgresHandlerFailedText } from './dead-letter';
import { PostgresBus } from './postgres-bus';
import { PostgresCheckpointStore } from './postgres-checkpoint-store';
import { partitionFor } from './partitioner';
import { eventually, text } from './test-helpers';

const fast = {
  pollIntervalMs: 50,
  rebalanceIntervalMs: 100,
  retryBackoff: { initialMs: 5, maxMs: 20 },
  log: (l: string) => (process.env.DEBUG_BUS ? console.log(l) : undefined),
};

describe('PostgresBus', () => {
  let db: { url: string; drop(): Promise<void> };
  let bus: PostgresBus;

  beforeAll(async () => {
    db = await createTestDatabase('pgbus');
    bus = await PostgresBus.connect({ url: db.url, ...fast });
  });
  afterAll(async () => {
    await bus.close();
    await db.drop();
  });

  it('never skips a message whose transaction commits after a later one (xmin barrier)', async () => {
    const topic = 'late.commit';
    await bus.ensureTopics([topic]);
    const seen: string[] = [];
    const consumer = await bus.consume({
      groupId: 'late',
      topics: [topic],
      handler: async (m) => void seen.push(text(m)),
    });
    const slow = new Client({ connectionString: db.url });
    await slow.connect();
    try {
      await slow.query('BEGIN');
      // The slow transaction takes the smaller id but commits last.
      await slow.query(`INSERT INTO bus.messages (topic, partition, key, value) VALUES ($1, $2, 'k', $3)`, [
        topic,
        partitionFor('k', 3),
        Buffer.from('first-started'),
      ]);
      await bus.publish([{ topic, key: 'k', value: Buffer.from('committed-first') }]);
      // Give the consumer many polls: a reader ordered by id alone would now take 'committed-first' and move past the open row.
      await new Promise((r) => setTimeout(r, 400));
      expect(seen).toEqual([]);
      await slow.query('COMMIT');
      await eventually(() => seen.length === 2, 30_000, 'both messages');
      expect(seen.sort()).toEqual(['committed-first', 'first-started']);
    } finally {
      await slow.end();
      await consumer.stop();
    }
  });

  it('consumes messages from two concurrent publish transactions committing out of order', async () => {
    const topic = 'concurrent.publish';
    const seen: string[] = [];
    const consumer = await bus.consume({
      groupId: 'cc',
      topics: [topic],
      handler: async (m) => void seen.push(text(m)),
    });
    await bus.ensureTopics([topic]);
    const a = new Client({ connectionString: db.url });
    const b = new Client({ connectionString: db.url });
    await Promise.all([a.connect(), b.connect()]);
    try {
      await a.query('BEGIN');
      await b.query('BEGIN');
      for (let i = 0; i < 5; i++) {
        await a.query(`INSERT INTO bus.messages (topic, partition, key, value) VALUES ($1, $2, $3, $4)`, [
          topic,
          partitionFor(`a${i}`, 3),
          `a${i}`,
          Buffer.from(`a${i}`),
        ]);
        await b.query(`INSERT INTO bus.messages (topic, partition, key, value) VALUES ($1, $2, $3, $4)`, [
          topic,
          partitionFor(`b${i}`, 3),
          `b${i}`,
          Buffer.from(`b${i}`),
        ]);
      }
      await b.query('COMMIT');
      await new Promise((r) => setTimeout(r, 300));
      await a.query('COMMIT');
      await eventually(() => seen.length >= 10, 30_000, '10 messages');
      await new Promise((r) => setTimeout(r, 200));
      expect(seen.sort()).toEqual(['a0', 'a1', 'a2', 'a3', 'a4', 'b0', 'b1', 'b2', 'b3', 'b4']);
    } finally {
      await Promise.all([a.end(), b.end()]);
      await consumer.stop();
    }
  });

  it('keeps per-key order and resumes a group after its committed offset', async () => {
    const topic = 'ordered';
    const keys = ['x', 'y', 'z', 'w'];
    for (let i = 0; i < 20; i++)
      await bus.publish(keys.map((k) => ({ topic, key: k, value: Buffer.from(`${k}:${i}`) })));
    const seen: IncomingMessage[] = [];
    let consumer = await bus.consume({
      groupId: 'ord',
      topics: [topic],
      handler: async (m) => void seen.push(m),
    });
    await eventually(() => seen.length === 80, 30_000, '80 messages');
    await consumer.stop();
    for (const k of keys) {
      expect(seen.filter((m) => m.key === k).map(text)).toEqual(
        Array.from({ length: 20 }, (_, i) => `${k}:${i}`),
      );
    }
    await bus.publish([{ topic, key: 'x', value: Buffer.from('x:20') }]);
    const after: string[] = [];
    consumer = await bus.consume({
      groupId: 'ord',
      topics: [topic],
      handler: async (m) => void after.push(text(m)),
    });
    await eventually(() => after.length === 1, 30_000, 'the new message');
    await new Promise((r) => setTimeout(r, 200));
    await consumer.stop();
    expect(after).toEqual(['x:20']);
  });

  it('splits partitions between two members of a group and never gives a partition to both', async () => {
    const topic = 'split';
    await bus.ensureTopics([topic]);
    const byMember = new Map<string, Set<number>>();
    const record = (who: string) => async (m: IncomingMessage) => {
      const set = byMember.get(who) ?? new Set<number>();
      set.add(m.partition);
      byMember.set(who, set);
    };
    const one = await bus.consume({ groupId: 'split', topics: [topic], handler: record('one') });
    const two = await bus.consume({ groupId: 'split', topics: [topic], handler: record('two') });
    const owned = () =>
      [...(one as any).ownedPartitions(), ...(two as any).ownedPartitions()].map((p: any) => p.partition);
    await eventually(
      () =>
        owned().length === 3 &&
        (one as any).ownedPartitions().length > 0 &&
        (two as any).ownedPartitions().length > 0,
      30_000,
      'a split',
    );
    expect(owned().sort()).toEqual([0, 1, 2]);
    const messages = Array.from({ length: 60 }, (_, i) => ({
      topic,
      key: `k${i}`,
      value: Buffer.from(String(i)),
    }));
    await bus.publish(messages);
    const total = () => [...byMember.values()].reduce((n, s) => n + s.size, 0);
    await eventually(() => total() === 3, 30_000, 'all partitions consumed');
    const [p1, p2] = [byMember.get('one') ?? new Set(), byMember.get('two') ?? new Set()];
    expect([...p1].filter((p) => p2.has(p))).toEqual([]);
    await one.stop();
    await eventually(() => (two as any).ownedPartitions().length === 3, 30_000, 'takeover');
    await two.stop();
  });

  it('retries with back-off, then dead-letters on exhaustion or PoisonMessageError, and moves on', async () => {
    const topic = 'faulty';
    const attempts = new Map<string, number>();
    const handled: string[] = [];
    const consumer = await bus.consume({
      groupId: 'faulty',
      topics: [topic],
      maxAttempts: 3,
      handler: async (m) => {
        const v = text(m);
        attempts.set(v, (attempts.get(v) ?? 0) + 1);
        if (v === 'poison')
          throw new PoisonMessageError('schema_violation', { es: 'Esquema no válido', en: 'Invalid schema' });
        if (v === 'flaky' && attempts.get(v)! < 2) throw new Error('transient');
        if (v === 'broken') throw new Error('always fails');
        handled.push(v);
      },
    });
    await bus.publish(
      ['poison', 'flaky', 'broken', 'fine'].map((v) => ({
        topic,
        key: 'same-key',
        value: Buffer.from(v),
        headers: { ce_id: v },
      })),
    );
    await eventually(() => handled.includes('fine'), 30_000, 'the last message');
    await consumer.stop();
    expect(handled).toEqual(['flaky', 'fine']);
    expect(Object.fromEntries(attempts)).toEqual({ poison: 1, flaky: 2, broken: 3, fine: 1 });

    const letters: DeadLetter[] = [];
    const codeHeaders: string[] = [];
    const dlq = await bus.consume({
      groupId: 'dlq-reader',
      topics: [`${topic}.dlq`],
      handler: async (m) => {
        letters.push(JSON.parse(text(m)));
        codeHeaders.push(m.headers.crm_dead_letter_code);
      },
    });
    await eventually(() => letters.length === 2, 30_000, 'two dead letters');
    await dlq.stop();
    expect(
      letters.map((l) => [l.code, Buffer.from(l.original.valueBase64, 'base64').toString(), l.attempts]),
    ).toEqual([
      ['schema_violation', 'poison', 1],
      ['handler_failed', 'broken', 3],
    ]);
    expect(letters[0].message.es).toBe('Esquema no válido');
    expect(letters[1].original.headers.ce_id).toBe('broken');
    expect(letters[1]).toMatchObject({ reason: 'always fails', message: postgresHandlerFailedText(3) });
    expect(codeHeaders).toEqual(['schema_violation', 'handler_failed']);
  });

  it('rejects bad input without storing anything', async () => {
    await expect(bus.publish([{ topic: 'bad topic!', key: 'k', value: Buffer.from('x') }])).rejects.toThrow(
      /invalid topic/,
    );
    await expect(bus.publish([{ topic: 'good', key: 'k', value: 'not a buffer' as any }])).rejects.toThrow(
      /Buffer/,
    );
    const c = new Client({ connectionString: db.url });
    await c.connect();
    const r = await c.query(
      `SELECT count(*)::int AS n FROM bus.messages WHERE topic IN ('bad topic!', 'good')`,
    );
    await c.end();
    expect(r.rows[0].n).toBe(0);
  });
});

describe('PostgresCheckpointStore', () => {
  it('stores relay checkpoints that never move backwards', async () => {
    const db = await createTestDatabase('pgckpt');
    const store = await PostgresCheckpointStore.connect({ url: db.url });
    try {
      expect(await store.load('relay')).toBeUndefined();
      await store.save('relay', 10n);
      await store.save('relay', 7n);
      expect(await store.load('relay')).toBe(10n);
      await store.save('relay', 12n);
      expect(await store.load('relay')).toBe(12n);
      expect(await store.load('other')).toBeUndefined();
    } finally {
      await store.close();
      await db.drop();
    }
  });
});
