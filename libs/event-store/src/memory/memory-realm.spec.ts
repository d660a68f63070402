import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { MemoryEventStore } from './memory-event-store';

describe('MemoryEventStore copies in the caller realm', () => {
  it('reads back data deep-equal (prototypes included) to what was appended', async () => {
    const store = new MemoryEventStore();
    const data = { list: [{ a: 1 }], nested: { b: 'x' } };
    await store.appendToStream(
      'realm-1',
      [
        {
          eventId: randomUUID(),
          type: 'Tested',
          schemaVersion: 1,
          data,
          occurredAt: '2020-01-01T00:00:00.000Z',
          actor: { subject: 's', role: 'r', country: 'HN' },
          countries: ['HN'],
          correlationId: 'c',
        },
      ],
      { expectedRevision: 'no_stream' },
    );
    const [event] = await store.readStream('realm-1');
    expect(isDeepStrictEqual(event.data, data)).toBe(true);
    expect(isDeepStrictEqual((await store.readAll())[0].data, data)).toBe(true);
  });
});
