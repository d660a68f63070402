import { createTestDatabase } from '@crm/testing';
import { MemoryEventStore } from '@crm/event-store';
import { newEvent } from '@crm/event-store/testing';
import type { DataSource } from 'typeorm';
import { ProjectionRunner, type Projection } from './projection-runner';
import { loadCheckpoint } from './handle-once';
import { counterProjection, counters, openDataSource } from './test-support';

async function appendMany(
  store: MemoryEventStore,
  streams: string[],
  perStream: number,
  offset = 0,
): Promise<bigint> {
  let last = 0n;
  for (let i = 0; i < perStream; i++) {
    for (const s of streams) {
      last = (
        await store.appendToStream(s, [newEvent({ data: { i: offset + i } })], { expectedRevision: 'any' })
      ).position;
    }
  }
  return last;
}

describe('ProjectionRunner', () => {
  let db: { url: string; drop(): Promise<void> };
  let ds: DataSource;
  const streams = ['counterTest-a', 'counterTest-b', 'counterTest-c'];

  beforeAll(async () => {
    db = await createTestDatabase('projrunner');
    ds = await openDataSource(db.url);
  });
  afterAll(async () => {
    await ds.destroy();
    await db.drop();
  });

  it('projects from its checkpoint, resumes after a restart, survives a failing handler, and rebuilds the same read model', async () => {
    const store = new MemoryEventStore();
    let failOnce = true;
    const flaky: Projection = {
      ...counterProjection,
      async handle(event, manager) {
        await counterProjection.handle(event, manager);
        if (failOnce && (event.data as { i: number }).i === 7) {
          failOnce = false;
          throw new Error('transient failure after the effect');
        }
      },
    };
    let last = await appendMany(store, streams, 10);
    let runner = new ProjectionRunner({
      store,
      dataSource: ds,
      projection: flaky,
      retryInitialMs: 10,
      log: () => undefined,
    });
    await runner.start();
    await runner.waitFor(last);
    expect(failOnce).toBe(false);
    await runner.stop();
    const sum = (n: number) => (n * (n - 1)) / 2;
    expect(await counters(ds)).toEqual(
      Object.fromEntries(streams.map((s) => [s, { events: 10, total: sum(10) }])),
    );
    expect(await loadCheckpoint(ds, 'public', 'counter')).toBe(last);

    last = await appendMany(store, streams, 5, 10);
    runner = new ProjectionRunner({
      store,
      dataSource: ds,
      projection: counterProjection,
      log: () => undefined,
    });
    await runner.start();
    await runner.waitFor(last);
    const before = await counters(ds);
    expect(before).toEqual(Object.fromEntries(streams.map((s) => [s, { events: 15, total: sum(15) }])));

    await ds.query(`UPDATE read.counters SET events = 999`); // a corrupted read model
    await runner.rebuild();
    await runner.waitFor(last);
    expect(await counters(ds)).toEqual(before);
    await runner.stop();
  });
});
