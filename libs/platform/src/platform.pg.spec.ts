import { randomUUID } from 'node:crypto';
import { loadPlatformConfig } from '@crm/config';
import { createTestDatabase } from '@crm/testing';
import { createPlatform } from './platform';

describe('createPlatform (embedded default: PostgreSQL event store and bus)', () => {
  it('wires a working event store, bus and read-model data source on DATABASE_URL', async () => {
    const db = await createTestDatabase('platform');
    const platform = await createPlatform({ config: loadPlatformConfig({ DATABASE_URL: db.url }) });
    try {
      const stream = `platformProbe-${randomUUID()}`;
      await platform.store.appendToStream(
        stream,
        [
          {
            eventId: randomUUID(),
            type: 'ProbeRecorded',
            schemaVersion: 1,
            data: { ok: true },
            occurredAt: new Date(),
            actor: { subject: 'test', role: 'platform_admin', country: 'ST' },
            countries: ['HN'],
            correlationId: 'c1',
          },
        ],
        { expectedRevision: 'no_stream' },
      );
      expect((await platform.store.readStream(stream)).map((e) => e.type)).toEqual(['ProbeRecorded']);

      const received: string[] = [];
      await platform.bus.ensureTopics(['platform.probe']);
      const consumer = await platform.bus.consume({
        groupId: 'g',
        topics: ['platform.probe'],
        handler: async (m) => {
          received.push(m.value.toString());
        },
      });
      await platform.bus.publish([{ topic: 'platform.probe', key: 'k', value: Buffer.from('hola') }]);
      for (let i = 0; i < 100 && received.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
      await consumer.stop();
      expect(received).toEqual(['hola']);

      const ds = await platform.dataSource('platform_probe');
      const [row] = await ds.query('SELECT current_schema() AS s');
      expect(row.s).toBe('platform_probe');
    } finally {
      await platform.close();
      await db.drop();
    }
  });
});
