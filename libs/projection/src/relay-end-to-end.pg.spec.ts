import { randomUUID } from 'node:crypto';
import { createTestDatabase } from '@crm/testing';
import type { NewEvent } from '@crm/event-store';
import { PostgresEventStore } from '@crm/event-store-postgres';
import { PostgresBus, PostgresCheckpointStore } from '@crm/messaging-postgres';
import { startRelay, type RelayOptions } from '@crm/messaging';
import type { DataSource } from 'typeorm';
import { consumeIdempotently } from './consume-idempotently';
import { eventually, openDataSource } from './test-support';

const TOTAL = 10_000;
const STREAMS = 50;
const TOPIC = 'referrals.integration';

function event(i: number): NewEvent {
  return {
    eventId: randomUUID(),
    type: 'ReferralSent',
    schemaVersion: 1,
    data: { i },
    occurredAt: '2020-06-30T12:00:00.000Z',
    actor: { subject: 'u-gt', role: 'consular_officer', country: 'GT' },
    countries: ['GT', 'MX'],
    correlationId: randomUUID(),
  };
}

describe('relay end to end: PostgresEventStore → relay → PostgresBus → idempotent consumer', () => {
  let db: { url: string; drop(): Promise<void> };
  let admin: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase('relay_e2e');
    admin = await openDataSource(db.url, 'relay-e2e-admin');
    await admin.query(
      'CREATE TABLE effects (seq bigserial, event_id text NOT NULL, stream text NOT NULL, i int NOT NULL)',
    );
  });
  afterAll(async () => {
    await admin.destroy();
    await db.drop();
  });

  it(`relays ${TOTAL} events with a restart halfway; the consumer applies each exactly once`, async () => {
    const store = await PostgresEventStore.connect({ url: db.url, pollIntervalMs: 100 });
    const bus = await PostgresBus.connect({ url: db.url, pollIntervalMs: 50, log: () => undefined });
    const checkpoints = await PostgresCheckpointStore.connect({ url: db.url });
    const perStream = TOTAL / STREAMS;
    for (let s = 0; s < STREAMS; s++) {
      const events = Array.from({ length: perStream }, (_, k) => event(s * perStream + k));
      await store.appendToStream(`referral-GT-${s}`, events, { expectedRevision: 'no_stream' });
    }
    const all = await store.readAll();
    expect(all).toHaveLength(TOTAL);
    const halfway = all[TOTAL / 2].position;
    const last = all[TOTAL - 1].position;

    const ds = await openDataSource(db.url, 'relay-e2e-consumer');
    let handlerCalls = 0;
    const consumer = await consumeIdempotently(bus, {
      groupId: 'referrals-read-model',
      topics: [TOPIC],
      dataSource: ds,
      consumer: 'referrals-read-model',
      handler: async (message, manager) => {
        handlerCalls++;
        const body = JSON.parse(message.value.toString()) as { i: number };
        await manager.query('INSERT INTO effects (event_id, stream, i) VALUES ($1, $2, $3)', [
          message.headers.ce_id,
          message.key,
          body.i,
        ]);
      },
    });

    const options: RelayOptions = {
      store,
      bus,
      checkpoints,
      name: 'referrals-relay',
      filter: { categories: ['referral'] },
      map: (e) => [
        {
          topic: TOPIC,
          value: Buffer.from(JSON.stringify(e.data)),
          headers: { ce_type: `crm.referrals.${e.type}` },
        },
      ],
      log: () => undefined,
    };
    let relay = await startRelay(options);
    await eventually(
      async () => ((await checkpoints.load('referrals-relay')) ?? 0n) >= halfway,
      120_000,
      'the halfway checkpoint',
    );
    await relay.stop();
    const resumedFrom = await checkpoints.load('referrals-relay');
    expect(resumedFrom! < last).toBe(true);

    relay = await startRelay(options);
    await eventually(
      async () => (await checkpoints.load('referrals-relay')) === last,
      120_000,
      'the final checkpoint',
    );
    await relay.stop();

    const distinct = async () =>
      (await admin.query('SELECT count(DISTINCT event_id)::int AS n FROM effects'))[0].n as number;
    await eventually(async () => (await distinct()) === TOTAL, 300_000, `${TOTAL} distinct effects`);
    await consumer.stop();
    expect((await admin.query('SELECT count(*)::int AS n FROM effects'))[0].n).toBe(TOTAL);
    const ids = new Set<string>(
      (await admin.query('SELECT event_id FROM effects')).map((r: { event_id: string }) => r.event_id),
    );
    expect(all.every((e) => ids.has(e.metadata.eventId))).toBe(true);
    // per-stream order survived: every stream's effects arrived in event order
    const disorder = await admin.query(
      `SELECT stream FROM (SELECT stream, i, lag(i) OVER (PARTITION BY stream ORDER BY seq) AS prev FROM effects) x WHERE prev IS NOT NULL AND i <= prev LIMIT 1`,
    );
    expect(disorder).toEqual([]);
    expect(handlerCalls).toBe(TOTAL);

    await Promise.all([ds.destroy(), bus.close(), checkpoints.close(), store.close()]);
  });
});
