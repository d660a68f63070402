import { createTestDatabase } from '@crm/testing';
import { Client } from 'pg';
import { PostgresEventStore } from './postgres-event-store';

describe('postgres event store migrations', () => {
  let db: { url: string; drop(): Promise<void> };
  beforeAll(async () => {
    db = await createTestDatabase('es_migrations');
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('given a new database, when connecting twice (also concurrently), then the schema is created once and versioned', async () => {
    const [a, b] = await Promise.all([
      PostgresEventStore.connect({ url: db.url, schema: 'es_mig' }),
      PostgresEventStore.connect({ url: db.url, schema: 'es_mig' }),
    ]);
    await a.close();
    await b.close();
    const again = await PostgresEventStore.connect({ url: db.url, schema: 'es_mig' });
    await again.close();

    const c = new Client({ connectionString: db.url });
    await c.connect();
    try {
      const versions = await c.query('SELECT name FROM es_mig.migrations ORDER BY id');
      expect(versions.rows.map((r) => r.name)).toEqual(['CreateEventStore1732262400000']);
      const tables = await c.query(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'es_mig' ORDER BY 1`,
      );
      expect(tables.rows.map((r) => r.table_name)).toEqual(['events', 'migrations', 'streams']);
      const countryIndexes = await c.query(
        `SELECT count(*)::int AS n FROM pg_indexes WHERE schemaname = 'es_mig' AND indexname LIKE 'events_country_%'`,
      );
      expect(countryIndexes.rows[0].n).toBe(11);
    } finally {
      await c.end();
    }
  });

  it('refuses an unsafe schema name', async () => {
    await expect(PostgresEventStore.connect({ url: db.url, schema: 'x"; DROP TABLE y; --' })).rejects.toThrow(
      'invalid event store schema',
    );
  });
});
