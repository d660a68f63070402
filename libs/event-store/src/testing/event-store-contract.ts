import { fixedClock, type Clock } from '@crm/kernel';
import { EventStoreValidationError, WrongExpectedRevisionError } from '../errors';
import { GENESIS_HASH, hashEvent } from '../hash-chain';
import type { EventStore, NewEvent, RecordedEvent, StreamName } from '../types';
import { MAX_EVENT_BYTES } from '../validation';
import { verifyStream } from '../verify';
import { newEvent, newEvents, randomCategory } from './fixtures';

export interface EventStoreTamper {
  alterData(store: EventStore, streamName: StreamName, revision: number, newData: unknown): Promise<void>;
  deleteEvent(store: EventStore, streamName: StreamName, revision: number): Promise<void>;
  swapEvents(store: EventStore, streamName: StreamName, revA: number, revB: number): Promise<void>;
}

export interface EventStoreHarness {
  name: string;
  create(opts: { clock: Clock }): Promise<EventStore>;
  destroy?(store: EventStore): Promise<void>;
  /** Direct access to the storage, to prove the hash chain catches tampering. */
  tamper?: EventStoreTamper;
  /** Events in the subscription test (default 10,000). */
  subscriptionEvents?: number;
  /**
   * True when every store `create` returns reads the same storage (a database, a server), so closing one
   * and creating another is a process restart. False or absent (memory): the restart test says why it is skipped.
   */
  sharedStorage?: boolean;
}

async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected the operation to fail, it succeeded');
}

function waitFor(check: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const tick = () => {
      if (check()) return resolve();
      if (Date.now() - started > timeoutMs) return reject(new Error(`timed out waiting for ${what}`));
      setTimeout(tick, 10);
    };
    tick();
  });
}

/**
 * The contract every EventStore adapter must pass. Works against a store shared with other runs
 * (EventStoreDB cannot be wiped): every test writes to its own random stream category and reads
 * $all only through a filter on that category.
 */
export function describeEventStoreContract(harness: EventStoreHarness): void {
  describe(`event store contract: ${harness.name}`, () => {
    const clock = fixedClock('2020-06-30T12:00:00.000Z');
    let store: EventStore;

    beforeAll(async () => {
      store = await harness.create({ clock });
    });
    afterAll(async () => {
      if (!store) return;
      if (harness.destroy) await harness.destroy(store);
      else await store.close();
    });

    const ids = (events: RecordedEvent[]) => events.map((e) => e.metadata.eventId);
    const inCategory = (category: string) => store.readAll({ filter: { categories: [category] } });

    describe('expected revision', () => {
      it('no_stream: given no stream, when appending, then revisions start at 0; given a stream, it conflicts', async () => {
        const s = `${randomCategory()}-1`;
        const first = await store.appendToStream(s, newEvents(2), { expectedRevision: 'no_stream' });
        expect(first).toMatchObject({ nextExpectedRevision: 1, written: true });
        const e = await rejection(store.appendToStream(s, [newEvent()], { expectedRevision: 'no_stream' }));
        expect(e).toBeInstanceOf(WrongExpectedRevisionError);
        expect(e).toMatchObject({ streamName: s, expected: 'no_stream', actual: 1 });
        expect(await store.readStream(s)).toHaveLength(2);
      });

      it('exact: appends only at the stream’s current last revision', async () => {
        const s = `${randomCategory()}-1`;
        await store.appendToStream(s, [newEvent()], { expectedRevision: 'no_stream' });
        const r = await store.appendToStream(s, [newEvent()], { expectedRevision: 0 });
        expect(r.nextExpectedRevision).toBe(1);
        const stale = await rejection(store.appendToStream(s, [newEvent()], { expectedRevision: 0 }));
        expect(stale).toBeInstanceOf(WrongExpectedRevisionError);
        expect(stale).toMatchObject({ expected: 0, actual: 1 });
        const ahead = await rejection(store.appendToStream(s, [newEvent()], { expectedRevision: 5 }));
        expect(ahead).toBeInstanceOf(WrongExpectedRevisionError);
        const missing = await rejection(
          store.appendToStream(`${randomCategory()}-x`, [newEvent()], { expectedRevision: 0 }),
        );
        expect(missing).toMatchObject({ actual: -1 });
        expect(missing).toBeInstanceOf(WrongExpectedRevisionError);
        expect((await store.readStream(s)).map((e) => e.revision)).toEqual([0, 1]);
      });

      it('stream_exists: conflicts on a missing stream, appends to an existing one', async () => {
        const s = `${randomCategory()}-1`;
        const e = await rejection(
          store.appendToStream(s, [newEvent()], { expectedRevision: 'stream_exists' }),
        );
        expect(e).toBeInstanceOf(WrongExpectedRevisionError);
        expect(e).toMatchObject({ actual: -1 });
        expect(await store.readStream(s)).toEqual([]);
        await store.appendToStream(s, [newEvent()], { expectedRevision: 'any' });
        const r = await store.appendToStream(s, newEvents(2), { expectedRevision: 'stream_exists' });
        expect(r.nextExpectedRevision).toBe(2);
      });

      it('any: appends whatever the stream’s state', async () => {
        const s = `${randomCategory()}-1`;
        expect(
          (await store.appendToStream(s, [newEvent()], { expectedRevision: 'any' })).nextExpectedRevision,
        ).toBe(0);
        expect(
          (await store.appendToStream(s, [newEvent()], { expectedRevision: 'any' })).nextExpectedRevision,
        ).toBe(1);
      });

      it('concurrent appends at the same expected revision: exactly one wins', async () => {
        const s = `${randomCategory()}-1`;
        await store.appendToStream(s, [newEvent()], { expectedRevision: 'no_stream' });
        const results = await Promise.allSettled(
          Array.from({ length: 5 }, () => store.appendToStream(s, [newEvent()], { expectedRevision: 0 })),
        );
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        for (const r of results.filter((x): x is PromiseRejectedResult => x.status === 'rejected')) {
          expect(r.reason).toBeInstanceOf(WrongExpectedRevisionError);
        }
        expect(await store.readStream(s)).toHaveLength(2);
      });
    });

    describe('atomic appends', () => {
      it('stores every event of a batch or none', async () => {
        const cat = randomCategory();
        const s = `${cat}-1`;
        const batch = newEvents(3);
        const r = await store.appendToStream(s, batch, { expectedRevision: 'no_stream' });
        expect(r.written).toBe(true);
        const stored = await store.readStream(s);
        expect(ids(stored)).toEqual(batch.map((e) => e.eventId));
        expect(stored.map((e) => e.revision)).toEqual([0, 1, 2]);
        expect(stored[2].position).toBe(r.position);

        const failing = [newEvent(), newEvent(), newEvent({ countries: ['XX' as never] })];
        expect(await rejection(store.appendToStream(s, failing, { expectedRevision: 2 }))).toBeInstanceOf(
          EventStoreValidationError,
        );
        const conflicting = newEvents(3);
        expect(await rejection(store.appendToStream(s, conflicting, { expectedRevision: 0 }))).toBeInstanceOf(
          WrongExpectedRevisionError,
        );
        expect(ids(await store.readStream(s))).toEqual(batch.map((e) => e.eventId));
        expect(await inCategory(cat)).toHaveLength(3);
      });
    });

    describe('idempotent re-append by event id', () => {
      it('given a stored batch, when the same ids are appended again, then it succeeds without writing', async () => {
        const cat = randomCategory();
        const s = `${cat}-1`;
        const batch = newEvents(2);
        const first = await store.appendToStream(s, batch, { expectedRevision: 'no_stream' });
        await store.appendToStream(s, [newEvent()], { expectedRevision: 1 });
        // a retry carries the expected revision of the original attempt, which is now stale: still a success
        const again = await store.appendToStream(s, batch, { expectedRevision: 'no_stream' });
        expect(again.written).toBe(false);
        expect(again.position).toBe(first.position);
        expect(again.nextExpectedRevision).toBe(2);
        const anyRetry = await store.appendToStream(s, batch, { expectedRevision: 'any' });
        expect(anyRetry.written).toBe(false);
        const stored = await store.readStream(s);
        expect(stored).toHaveLength(3);
        expect(new Set(ids(stored)).size).toBe(3);
        expect(await inCategory(cat)).toHaveLength(3);
      });

      it('given some ids already stored, when appended with new ones, then duplicate_event_id and nothing stored', async () => {
        const s = `${randomCategory()}-1`;
        const batch = newEvents(2);
        await store.appendToStream(s, batch, { expectedRevision: 'no_stream' });
        const mixed = [batch[1], newEvent()];
        const e = await rejection(store.appendToStream(s, mixed, { expectedRevision: 'any' }));
        expect(e).toBeInstanceOf(EventStoreValidationError);
        expect((e as EventStoreValidationError).reason).toBe('duplicate_event_id');
        const reordered = [batch[1], batch[0]];
        const e2 = await rejection(store.appendToStream(s, reordered, { expectedRevision: 'any' }));
        expect((e2 as EventStoreValidationError).reason).toBe('duplicate_event_id');
        expect(await store.readStream(s)).toHaveLength(2);
      });
    });

    describe('reading a stream', () => {
      it('reads forwards and backwards from a revision, up to maxCount', async () => {
        const s = `${randomCategory()}-1`;
        await store.appendToStream(s, newEvents(5), { expectedRevision: 'no_stream' });
        const revs = (events: RecordedEvent[]) => events.map((e) => e.revision);
        expect(revs(await store.readStream(s))).toEqual([0, 1, 2, 3, 4]);
        expect(revs(await store.readStream(s, { fromRevision: 2 }))).toEqual([2, 3, 4]);
        expect(revs(await store.readStream(s, { fromRevision: 1, maxCount: 2 }))).toEqual([1, 2]);
        expect(revs(await store.readStream(s, { direction: 'backwards' }))).toEqual([4, 3, 2, 1, 0]);
        expect(
          revs(await store.readStream(s, { direction: 'backwards', fromRevision: 3, maxCount: 2 })),
        ).toEqual([3, 2]);
        expect(await store.readStream(s, { fromRevision: 9 })).toEqual([]);
        expect(await store.readStream(`${randomCategory()}-none`)).toEqual([]);
      });

      it('returns what was appended, with the store’s metadata', async () => {
        const s = `${randomCategory()}-HN-2020S1`;
        const e = newEvent({
          data: { texto: 'Niñez migrante', n: 1.5, list: [1, null, true] },
          causationId: 'cmd-1',
        });
        await store.appendToStream(s, [e], { expectedRevision: 'no_stream' });
        const [r] = await store.readStream(s);
        expect(r.streamName).toBe(s);
        expect(r.type).toBe(e.type);
        expect(r.data).toEqual(e.data);
        expect(typeof r.position).toBe('bigint');
        expect(r.metadata).toMatchObject({
          eventId: e.eventId,
          type: e.type,
          schemaVersion: 1,
          occurredAt: '2020-06-01T10:00:00.000Z',
          recordedAt: clock().toISOString(),
          actor: e.actor,
          countries: ['HN'],
          correlationId: e.correlationId,
          causationId: 'cmd-1',
          previousHash: GENESIS_HASH,
        });
      });
    });

    describe('reading all events', () => {
      it('returns events in global order; fromPosition is exclusive', async () => {
        const cat = randomCategory();
        const appended: string[] = [];
        for (let i = 0; i < 6; i++) {
          const e = newEvent();
          appended.push(e.eventId);
          await store.appendToStream(`${cat}-${i % 3}`, [e], { expectedRevision: 'any' });
        }
        const all = await inCategory(cat);
        expect(ids(all)).toEqual(appended);
        for (let i = 1; i < all.length; i++) expect(all[i].position > all[i - 1].position).toBe(true);
        const after = await store.readAll({ fromPosition: all[1].position, filter: { categories: [cat] } });
        expect(ids(after)).toEqual(appended.slice(2));
        const page = await store.readAll({
          fromPosition: all[1].position,
          maxCount: 2,
          filter: { categories: [cat] },
        });
        expect(ids(page)).toEqual(appended.slice(2, 4));
        expect(await store.readAll({ fromPosition: all[5].position, filter: { categories: [cat] } })).toEqual(
          [],
        );
      });

      it('filters by stream prefix, category, event type, country and recorded time', async () => {
        const cat = randomCategory();
        const other = randomCategory();
        clock.set('2020-06-30T12:00:00.000Z');
        const a = newEvent({ type: 'ReportSubmitted', countries: ['HN'] });
        await store.appendToStream(`${cat}-HN_1`, [a], { expectedRevision: 'no_stream' });
        clock.set('2020-07-01T09:00:00.000Z');
        const b = newEvent({ type: 'ReportApproved', countries: ['HN', 'GT'] });
        await store.appendToStream(`${cat}-GT_1`, [b], { expectedRevision: 'no_stream' });
        const c = newEvent({ type: 'ReportSubmitted', countries: [] });
        await store.appendToStream(`${other}-HN_1`, [c], { expectedRevision: 'no_stream' });
        clock.set('2020-06-30T12:00:00.000Z');

        const read = async (filter: object) => ids(await store.readAll({ filter }));
        expect(await read({ streamPrefixes: [`${cat}-HN`] })).toEqual([a.eventId]);
        expect(await read({ streamPrefixes: [`${cat}-`, `${other}-`] })).toEqual([
          a.eventId,
          b.eventId,
          c.eventId,
        ]);
        expect(await read({ categories: [cat, other] })).toEqual([a.eventId, b.eventId, c.eventId]);
        expect(await read({ categories: [cat], eventTypes: ['ReportApproved'] })).toEqual([b.eventId]);
        expect(await read({ categories: [cat, other], country: 'GT' })).toEqual([b.eventId]);
        expect(await read({ categories: [cat, other], country: 'HN' })).toEqual([a.eventId, b.eventId]);
        expect(await read({ categories: [cat], recordedUpTo: new Date('2020-06-30T23:59:59.999Z') })).toEqual(
          [a.eventId],
        );
        expect(
          await read({
            categories: [cat],
            country: 'GT',
            recordedUpTo: new Date('2020-07-01T09:00:00.000Z'),
          }),
        ).toEqual([b.eventId]);
        expect(
          await read({
            categories: [cat],
            country: 'GT',
            recordedUpTo: new Date('2020-07-01T08:59:59.999Z'),
          }),
        ).toEqual([]);
      });
    });

    describe('catch-up subscription', () => {
      const total = harness.subscriptionEvents ?? 10_000;

      it(`delivers ${total} events exactly once, in order, across a stop and a resume, then live`, async () => {
        const cat = randomCategory();
        const batch = 500;
        const initial = Math.round(total * 0.7);
        const whileStopped = Math.round(total * 0.2);
        const live = total - initial - whileStopped;
        const appendMany = async (n: number, tag: string) => {
          for (let done = 0; done < n; done += batch) {
            const size = Math.min(batch, n - done);
            await store.appendToStream(`${cat}-${tag}${done % 3}`, newEvents(size), {
              expectedRevision: 'any',
            });
          }
        };
        await appendMany(initial, 'a');
        // other categories interleaved must not reach the handler
        await store.appendToStream(`${randomCategory()}-noise`, newEvents(3), { expectedRevision: 'any' });

        const seen: RecordedEvent[] = [];
        const handler = async (e: RecordedEvent) => {
          seen.push(e);
        };
        const half = Math.round(initial / 2);
        let stopping: Promise<void> | undefined;
        const first = store.subscribeToAll({
          filter: { categories: [cat] },
          batchSize: 256,
          handler: async (e) => {
            await handler(e);
            if (seen.length === half) stopping = first.stop(); // stop midway, from inside the handler
          },
        });
        await waitFor(() => stopping !== undefined, 'half of the first events');
        await stopping;
        await first.done;
        const stoppedAt = seen.length;
        expect(stoppedAt).toBeGreaterThan(0);
        expect(stoppedAt).toBeLessThan(initial);

        await appendMany(whileStopped, 'b');
        const second = store.subscribeToAll({
          fromPosition: seen[seen.length - 1].position,
          filter: { categories: [cat] },
          handler,
          batchSize: 256,
        });
        await waitFor(() => second.caughtUp, 'catch-up');
        expect(seen.length).toBe(initial + whileStopped);
        await appendMany(live, 'c');
        await waitFor(() => seen.length >= total, 'the live events');
        await new Promise((r) => setTimeout(r, 100)); // any extra (duplicate) delivery would show now
        await second.stop();
        await second.done;

        expect(seen).toHaveLength(total);
        expect(new Set(ids(seen)).size).toBe(total);
        for (let i = 1; i < seen.length; i++) expect(seen[i].position > seen[i - 1].position).toBe(true);
        expect(ids(seen)).toEqual(ids(await inCategory(cat)));
      });

      if (!harness.sharedStorage) {
        it.todo(
          `restart test: the ${harness.name} adapter keeps nothing across instances, so a process restart cannot be simulated`,
        );
      } else {
        it('resumes after a restart (store closed, a new one connected) from its checkpoint, with neither a gap nor a duplicate', async () => {
          const cat = randomCategory();
          const before = await harness.create({ clock });
          for (let i = 0; i < 6; i++)
            await before.appendToStream(`${cat}-${i % 3}`, newEvents(100), { expectedRevision: 'any' });
          const seen: RecordedEvent[] = [];
          let stopping: Promise<void> | undefined;
          const first = before.subscribeToAll({
            filter: { categories: [cat] },
            batchSize: 50,
            handler: async (e) => {
              seen.push(e);
              if (seen.length === 250) stopping = first.stop();
            },
          });
          await waitFor(() => stopping !== undefined, 'the first 250 events');
          await stopping;
          await first.done;
          const checkpoint = seen[seen.length - 1].position;
          if (harness.destroy) await harness.destroy(before);
          else await before.close();

          const after = await harness.create({ clock });
          try {
            for (let i = 0; i < 3; i++)
              await after.appendToStream(`${cat}-${i}`, newEvents(100), { expectedRevision: 'any' });
            const resumed = after.subscribeToAll({
              fromPosition: checkpoint,
              filter: { categories: [cat] },
              batchSize: 50,
              handler: async (e) => void seen.push(e),
            });
            await waitFor(
              () => resumed.caughtUp && seen.length >= 900,
              'the resumed subscription to catch up',
            );
            await new Promise((r) => setTimeout(r, 100)); // a duplicate delivery would show now
            await resumed.stop();
            await resumed.done;
            expect(seen).toHaveLength(900);
            expect(ids(seen)).toEqual(ids(await after.readAll({ filter: { categories: [cat] } })));
          } finally {
            if (harness.destroy) await harness.destroy(after);
            else await after.close();
          }
        });
      }

      it('waits for the handler: one event at a time; stop() during a handler resolves after it', async () => {
        const cat = randomCategory();
        await store.appendToStream(`${cat}-1`, newEvents(5), { expectedRevision: 'no_stream' });
        let active = 0;
        let maxActive = 0;
        let count = 0;
        let release: () => void = () => undefined;
        const blocked = new Promise<void>((r) => (release = r));
        let finishedThird = false;
        const sub = store.subscribeToAll({
          filter: { categories: [cat] },
          handler: async () => {
            active++;
            maxActive = Math.max(maxActive, active);
            count++;
            if (count === 3) {
              await blocked;
              finishedThird = true;
            }
            active--;
          },
        });
        await waitFor(() => count === 3, 'the third event');
        const stopping = sub.stop();
        await new Promise((r) => setTimeout(r, 50));
        expect(finishedThird).toBe(false);
        release();
        await stopping;
        expect(finishedThird).toBe(true);
        await sub.done;
        expect(count).toBe(3);
        expect(maxActive).toBe(1);
      });

      it('a failing handler ends the subscription: done rejects', async () => {
        const cat = randomCategory();
        await store.appendToStream(`${cat}-1`, newEvents(2), { expectedRevision: 'no_stream' });
        const sub = store.subscribeToAll({
          filter: { categories: [cat] },
          handler: async () => {
            throw new Error('projection failed');
          },
        });
        await expect(sub.done).rejects.toThrow('projection failed');
      });
    });

    describe('bad input is rejected and stores nothing', () => {
      // Every batch but the empty one carries a valid event of a type used nowhere else (`marker`), so
      // "stores nothing" is checked store-wide, also for the cases whose stream name has no category.
      type BadInput = (cat: string, marker: NewEvent) => [StreamName, NewEvent[]];
      const cases: Array<[string, EventStoreValidationError['reason'], BadInput]> = [
        ['an invalid stream name', 'invalid_stream_name', (cat, m) => [`${cat} sin guion`, [m]]],
        ['an upper-case category', 'invalid_stream_name', (_cat, m) => ['Plan-1', [m]]],
        [
          'an event over 1 MiB',
          'event_too_large',
          (cat, m) => [`${cat}-1`, [m, newEvent({ data: { blob: 'x'.repeat(MAX_EVENT_BYTES) } })]],
        ],
        [
          'a non-UUID event id',
          'invalid_metadata',
          (cat, m) => [`${cat}-1`, [m, newEvent({ eventId: 'not-a-uuid' })]],
        ],
        [
          'an unknown country',
          'invalid_metadata',
          (cat, m) => [`${cat}-1`, [m, newEvent({ countries: ['AR' as never] })]],
        ],
        [
          'a repeated country',
          'invalid_metadata',
          (cat, m) => [`${cat}-1`, [m, newEvent({ countries: ['HN', 'HN'] })]],
        ],
        [
          'an unknown actor country',
          'invalid_metadata',
          (cat, m) => [
            `${cat}-1`,
            [m, newEvent({ actor: { subject: 's', role: 'r', country: 'XX' as never } })],
          ],
        ],
        [
          'a missing actor',
          'invalid_metadata',
          (cat, m) => [`${cat}-1`, [m, newEvent({ actor: undefined as never })]],
        ],
        [
          'an actor without a role',
          'invalid_metadata',
          (cat, m) => [`${cat}-1`, [m, newEvent({ actor: { subject: 's', role: '', country: 'HN' } })]],
        ],
        [
          'an occurredAt that is not an instant',
          'invalid_metadata',
          (cat, m) => [`${cat}-1`, [m, newEvent({ occurredAt: '30/06/2020' as never })]],
        ],
        [
          'a schema version 0',
          'invalid_metadata',
          (cat, m) => [`${cat}-1`, [m, newEvent({ schemaVersion: 0 })]],
        ],
        [
          'an empty correlation id',
          'invalid_metadata',
          (cat, m) => [`${cat}-1`, [m, newEvent({ correlationId: '' })]],
        ],
        [
          'a causation id that is not a string',
          'invalid_metadata',
          (cat, m) => [`${cat}-1`, [m, newEvent({ causationId: 42 as never })]],
        ],
        [
          'non-JSON data',
          'invalid_data',
          (cat, m) => [`${cat}-1`, [m, newEvent({ data: { n: Number.NaN } })]],
        ],
        [
          'a NUL character in data',
          'invalid_data',
          (cat, m) => [`${cat}-1`, [m, newEvent({ data: { text: 'a\u0000b' } })]],
        ],
        [
          'a NUL character in the actor',
          'invalid_metadata',
          (cat, m) => [
            `${cat}-1`,
            [m, newEvent({ actor: { subject: 'a\u0000', role: 'r', country: 'HN' } })],
          ],
        ],
        [
          'a bad event type',
          'invalid_metadata',
          (cat, m) => [`${cat}-1`, [m, newEvent({ type: 'lower case' })]],
        ],
        [
          'the same event id twice in one batch',
          'duplicate_event_id',
          (cat, m) => [`${cat}-1`, [m, { ...newEvent(), eventId: m.eventId }]],
        ],
        ['an empty batch', 'empty_append', (cat) => [`${cat}-1`, []]],
      ];
      it.each(cases)('%s (%s)', async (_label, reason, make) => {
        const cat = randomCategory();
        const markerType = `Probe${cat.slice(1).replace(/[0-9]/g, (d) => 'ghijklmnop'[Number(d)])}`;
        const [stream, events] = make(cat, newEvent({ type: markerType }));
        const e = await rejection(store.appendToStream(stream, events, { expectedRevision: 'any' }));
        expect(e).toBeInstanceOf(EventStoreValidationError);
        expect((e as EventStoreValidationError).reason).toBe(reason);
        expect((e as EventStoreValidationError).text.es.length).toBeGreaterThan(0);
        expect((e as EventStoreValidationError).text.en).not.toBe((e as EventStoreValidationError).text.es);
        expect(await inCategory(cat)).toEqual([]);
        expect(await store.readAll({ filter: { eventTypes: [markerType] } })).toEqual([]);
      });

      it('rejects invalid read options', async () => {
        expect(await rejection(store.readAll({ filter: { country: 'ZZ' as never } }))).toBeInstanceOf(
          EventStoreValidationError,
        );
        expect(await rejection(store.readStream('bad name'))).toBeInstanceOf(EventStoreValidationError);
      });
    });

    describe('hash chain', () => {
      it('given a fresh stream, verify passes and every hash is the shared sealEvents hash', async () => {
        const s = `${randomCategory()}-1`;
        await store.appendToStream(s, newEvents(3), { expectedRevision: 'no_stream' });
        await store.appendToStream(s, newEvents(2), { expectedRevision: 2 });
        const events = await store.readStream(s);
        expect(verifyStream(events)).toEqual({ ok: true, checked: 5 });
        expect(await store.readStreamHead(s)).toEqual({ revision: 4, hash: events[4].metadata.hash });
        expect(verifyStream(events, await store.readStreamHead(s))).toEqual({ ok: true, checked: 5 });
        expect(await store.readStreamHead(`${randomCategory()}-none`)).toBeNull();
        const e = events[3];
        expect(e.metadata.previousHash).toBe(events[2].metadata.hash);
        const { hash: _hash, ...meta } = e.metadata;
        expect(hashEvent({ ...meta, streamName: s, revision: 3, data: e.data })).toBe(e.metadata.hash);
      });

      const tamper = harness.tamper;
      if (!tamper) {
        it.todo(`tampering tests: harness ${harness.name} has no tamper facility`);
        return;
      }
      const tampered = async () => {
        const s = `${randomCategory()}-1`;
        await store.appendToStream(s, newEvents(5), { expectedRevision: 'no_stream' });
        expect(verifyStream(await store.readStream(s)).ok).toBe(true);
        return s;
      };
      it('catches an altered event', async () => {
        const s = await tampered();
        await tamper.alterData(store, s, 2, { i: 99 });
        const r = verifyStream(await store.readStream(s));
        expect(r).toMatchObject({ ok: false, problem: 'altered', revision: 2, streamName: s });
      });
      it('catches a deleted event', async () => {
        const s = await tampered();
        await tamper.deleteEvent(store, s, 1);
        const r = verifyStream(await store.readStream(s));
        expect(r).toMatchObject({ ok: false, problem: 'removed', revision: 1 });
      });
      it('catches reordered events', async () => {
        const s = await tampered();
        const before = await store.readStream(s);
        await tamper.swapEvents(store, s, 1, 3);
        const r = verifyStream(await store.readStream(s));
        expect(r).toMatchObject({
          ok: false,
          problem: 'reordered',
          revision: 1,
          eventId: before[3].metadata.eventId,
        });
      });
      it('catches the removal of the newest events against the stream head (the chain alone cannot)', async () => {
        const s = await tampered();
        expect(await store.readStreamHead(s)).toEqual({
          revision: 4,
          hash: (await store.readStream(s))[4].metadata.hash,
        });
        await tamper.deleteEvent(store, s, 4);
        await tamper.deleteEvent(store, s, 3);
        const left = await store.readStream(s);
        expect(verifyStream(left)).toEqual({ ok: true, checked: 3 });
        expect(verifyStream(left, await store.readStreamHead(s))).toMatchObject({
          ok: false,
          problem: 'removed',
          revision: 3,
          eventId: left[2].metadata.eventId,
        });
      });
    });
  });
}
