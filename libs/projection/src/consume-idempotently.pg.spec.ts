import { randomUUID } from 'node:crypto';
import { createTestDatabase } from '@crm/testing';
import { PostgresBus } from '@crm/messaging-postgres';
import type { DataSource } from 'typeorm';
import { consumeIdempotently } from './consume-idempotently';
import { eventually, openDataSource } from './test-support';

const TOTAL = 2_000;
const busOptions = {
  pollIntervalMs: 50,
  rebalanceIntervalMs: 200,
  retryBackoff: { initialMs: 10, maxMs: 50 },
  log: () => undefined,
};

describe('consumeIdempotently over the PostgreSQL bus', () => {
  let db: { url: string; drop(): Promise<void> };
  let admin: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase('killtest');
    admin = await openDataSource(db.url, 'kill-test-admin');
    await admin.query('CREATE TABLE effects (event_id text NOT NULL, seq int NOT NULL)');
  });
  afterAll(async () => {
    await admin.destroy();
    await db.drop();
  });

  const effectCount = async () =>
    (await admin.query('SELECT count(*)::int AS n FROM effects'))[0].n as number;
  const distinctCount = async () =>
    (await admin.query('SELECT count(DISTINCT event_id)::int AS n FROM effects'))[0].n as number;
  const duplicates = async () =>
    admin.query('SELECT event_id, count(*)::int AS n FROM effects GROUP BY event_id HAVING count(*) > 1');

  async function startMember(name: string) {
    const bus = await PostgresBus.connect({ url: db.url, ...busOptions });
    const ds = await openDataSource(db.url, `kill-test-${name}`);
    const consumer = await consumeIdempotently(bus, {
      groupId: 'effects',
      topics: ['kill.test'],
      dataSource: ds,
      consumer: 'effects',
      handler: async (message, manager) => {
        await manager.query('INSERT INTO effects (event_id, seq) VALUES ($1, $2)', [
          message.headers.ce_id,
          Number(message.value.toString()),
        ]);
      },
    });
    return { bus, ds, consumer };
  }

  it('a consumer killed mid-stream and a new one started give every effect exactly once', async () => {
    const publisher = await PostgresBus.connect({ url: db.url, ...busOptions });
    const ids = Array.from({ length: TOTAL }, () => randomUUID());
    for (let start = 0; start < TOTAL; start += 200) {
      await publisher.publish(
        ids.slice(start, start + 200).map((id, i) => ({
          topic: 'kill.test',
          key: `case-${(start + i) % 37}`,
          value: Buffer.from(String(start + i)),
          headers: { ce_id: id },
        })),
      );
    }

    const victim = await startMember('victim');
    await eventually(async () => (await effectCount()) >= TOTAL / 4, 120_000, 'a quarter of the effects');
    // Kill: cut every connection of the victim (bus lock connection and its read-model pool) mid-stream,
    // then tear the process's objects down without any graceful hand-over.
    await admin.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
       WHERE datname = current_database() AND application_name IN ('kill-test-victim', 'crm-bus-consumer:effects')`,
    );
    await Promise.all([victim.bus.close(), victim.ds.destroy().catch(() => undefined)]);
    const afterKill = await distinctCount();
    expect(afterKill).toBeLessThan(TOTAL);

    const successor = await startMember('successor');
    await eventually(async () => (await distinctCount()) === TOTAL, 120_000, 'all effects');
    expect(await duplicates()).toEqual([]);

    // A full redelivery (the group's offsets lost) still changes nothing: the dedup is what holds.
    await successor.consumer.stop();
    await admin.query(
      `UPDATE bus.consumer_offsets SET offset_transaction_id = '0', offset_id = 0 WHERE group_id = 'effects'`,
    );
    const redelivered = await startMember('redelivery');
    await eventually(
      async () => {
        const rows = await admin.query(
          `SELECT count(*)::int AS n FROM bus.consumer_offsets o WHERE group_id = 'effects' AND offset_id = (SELECT max(id) FROM bus.messages m WHERE m.topic = o.topic AND m.partition = o.partition)`,
        );
        return rows[0].n === 3;
      },
      120_000,
      'every partition replayed to its end',
    );
    expect(await effectCount()).toBe(TOTAL);
    expect(await duplicates()).toEqual([]);
    expect(
      (await admin.query(`SELECT count(*)::int AS n FROM processed_events WHERE consumer = 'effects'`))[0].n,
    ).toBe(TOTAL);

    await Promise.all([redelivered.bus.close(), successor.bus.close(), publisher.close()]);
    await Promise.all([redelivered.ds.destroy(), successor.ds.destroy()]);
  });

  it('dead-letters a message without ce_id (it cannot be deduplicated)', async () => {
    const bus = await PostgresBus.connect({ url: db.url, ...busOptions });
    const ds = await openDataSource(db.url, 'kill-test-noid');
    let calls = 0;
    const consumer = await consumeIdempotently(bus, {
      groupId: 'noid',
      topics: ['noid.test'],
      dataSource: ds,
      consumer: 'noid',
      handler: async () => void calls++,
    });
    await bus.publish([{ topic: 'noid.test', key: 'k', value: Buffer.from('x') }]);
    const letters: string[] = [];
    const dlq = await bus.consume({
      groupId: 'noid-dlq',
      topics: ['noid.test.dlq'],
      handler: async (m) => void letters.push(JSON.parse(m.value.toString()).code),
    });
    await eventually(() => letters.length === 1, 60_000, 'the dead letter');
    expect(letters).toEqual(['missing_ce_id']);
    expect(calls).toBe(0);
    await Promise.all([consumer.stop(), dlq.stop()]);
    await bus.close();
    await ds.destroy();
  });
});
