import { GENESIS_HASH, sealEvents, type RecordedEvent } from '@crm/event-store';
import { newEvent, randomCategory } from '@crm/event-store/testing';
import { createTestDatabase } from '@crm/testing';
import { Client } from 'pg';
import { PostgresEventStore } from './postgres-event-store';
import { writeBatch } from './sql';

/**
 * The sequence "gap" problem, driven by hand with two connections: T1 begins and inserts first but
 * commits late; T2 inserts after T1 and commits at once. A reader must never pass T1's event.
 */
describe('postgres event store: a slower transaction committing late is never skipped', () => {
  let db: { url: string; drop(): Promise<void> };
  let store: PostgresEventStore;
  let t1: Client;
  let t2: Client;

  beforeAll(async () => {
    db = await createTestDatabase('es_gap');
    store = await PostgresEventStore.connect({ url: db.url, barrierWaitMs: 300, pollIntervalMs: 50 });
    t1 = new Client({ connectionString: db.url });
    t2 = new Client({ connectionString: db.url });
    await Promise.all([t1.connect(), t2.connect()]);
  });
  afterAll(async () => {
    await Promise.all([t1?.end(), t2?.end()]);
    await store?.close();
    await db?.drop();
  });

  const appendInTransaction = async (client: Client, stream: string) => {
    const event = newEvent();
    const now = new Date();
    const sealed = sealEvents(stream, [event], 0, GENESIS_HASH, now);
    await client.query('BEGIN');
    const [position] = await writeBatch(client, store.schema, stream, sealed, -1, now);
    return { eventId: event.eventId, position };
  };

  for (const outcome of ['COMMIT', 'ROLLBACK'] as const) {
    it(`given T1 open and T2 committed, then T2 is hidden until T1 ends (${outcome}); then all come in position order`, async () => {
      const cat = randomCategory();
      const filter = { categories: [cat] };
      const delivered: RecordedEvent[] = [];
      const sub = store.subscribeToAll({ filter, handler: async (e) => void delivered.push(e) });

      const first = await appendInTransaction(t1, `${cat}-slow`);
      const second = await appendInTransaction(t2, `${cat}-fast`);
      await t2.query('COMMIT');
      expect(first.position < second.position).toBe(true);

      // T2 is committed and visible to plain SQL ...
      const plain = await new Client({ connectionString: db.url });
      await plain.connect();
      const visible = await plain.query(
        `SELECT count(*)::int AS n FROM "${store.schema}".events WHERE category = $1`,
        [cat],
      );
      await plain.end();
      expect(visible.rows[0].n).toBe(1);
      // ... but neither readAll nor the subscription may hand it out while T1 could still commit before it
      expect(await store.readAll({ filter })).toEqual([]);
      await new Promise((r) => setTimeout(r, 300));
      expect(delivered).toEqual([]);

      await t1.query(outcome);
      const expected = outcome === 'COMMIT' ? [first.eventId, second.eventId] : [second.eventId];
      const all = await store.readAll({ filter });
      expect(all.map((e) => e.metadata.eventId)).toEqual(expected);
      const started = Date.now();
      while (delivered.length < expected.length && Date.now() - started < 10_000)
        await new Promise((r) => setTimeout(r, 20));
      await sub.stop();
      await sub.done;
      expect(delivered.map((e) => e.metadata.eventId)).toEqual(expected);
      expect(delivered.map((e) => e.position)).toEqual(all.map((e) => e.position));
    });
  }

  it('a checkpoint taken between the two commits still leads to the late event', async () => {
    const cat = randomCategory();
    const filter = { categories: [cat] };
    await store.appendToStream(`${cat}-0`, [newEvent()], { expectedRevision: 'no_stream' });
    const [before] = await store.readAll({ filter });
    const late = await appendInTransaction(t1, `${cat}-slow`);
    const early = await appendInTransaction(t2, `${cat}-fast`);
    await t2.query('COMMIT');
    const checkpoint = (await store.readAll({ filter })).at(-1)?.position;
    expect(checkpoint).toBe(before.position);
    await t1.query('COMMIT');
    const rest = await store.readAll({ fromPosition: checkpoint, filter });
    expect(rest.map((e) => e.metadata.eventId)).toEqual([late.eventId, early.eventId]);
  });
});
