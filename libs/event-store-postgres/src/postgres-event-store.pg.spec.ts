import { describeEventStoreContract } from '@crm/event-store/testing';
import { createTestDatabase } from '@crm/testing';
import { PostgresEventStore } from './postgres-event-store';

let db: { url: string; drop(): Promise<void> };

beforeAll(async () => {
  db = await createTestDatabase('es_contract');
});
afterAll(async () => {
  await db?.drop();
});

const sql = async (store: unknown, text: string, values: unknown[]) => {
  const s = store as PostgresEventStore;
  await s.dataSource.query(text.replace(/\{schema\}/g, `"${s.schema}"`), values);
};

describeEventStoreContract({
  name: 'postgres',
  create: ({ clock }) => PostgresEventStore.connect({ url: db.url, clock, poolSize: 6, pollIntervalMs: 200 }),
  sharedStorage: true,
  tamper: {
    alterData: (store, stream, revision, data) =>
      sql(store, 'UPDATE {schema}.events SET data = $3::jsonb WHERE stream_name = $1 AND revision = $2', [
        stream,
        revision,
        JSON.stringify(data),
      ]),
    deleteEvent: (store, stream, revision) =>
      sql(store, 'DELETE FROM {schema}.events WHERE stream_name = $1 AND revision = $2', [stream, revision]),
    swapEvents: (store, stream, a, b) =>
      sql(
        store,
        `UPDATE {schema}.events e SET type = o.type, data = o.data, metadata = o.metadata
           FROM {schema}.events o
          WHERE e.stream_name = $1 AND o.stream_name = $1
            AND ((e.revision = $2 AND o.revision = $3) OR (e.revision = $3 AND o.revision = $2))`,
        [stream, a, b],
      ),
  },
});
