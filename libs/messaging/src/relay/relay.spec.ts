import { MemoryEventStore, type NewEvent } from '@crm/event-store';
import { randomUUID } from 'node:crypto';
import { MemoryBus } from '../memory/memory-bus';
import type { Bus, IncomingMessage, OutgoingMessage } from '../types';
import { MemoryCheckpointStore, type CheckpointStore } from './checkpoint-store';
import { startRelay, type RelayOptions } from './relay';

const TOPIC = 'plan.integration';

function event(i: number): NewEvent {
  return {
    eventId: randomUUID(),
    type: 'ReportSubmitted',
    schemaVersion: 1,
    data: { i },
    occurredAt: '2020-06-30T12:00:00.000Z',
    actor: { subject: 'u-hn', role: 'focal_point', country: 'HN' },
    countries: ['HN'],
    correlationId: randomUUID(),
  };
}

async function appendEvents(store: MemoryEventStore, count: number, from = 0): Promise<bigint> {
  let last = 0n;
  for (let i = from; i < from + count; i++)
    last = (await store.appendToStream(`planReport-HN-${i % 4}`, [event(i)], { expectedRevision: 'any' }))
      .position;
  return last;
}

async function eventually(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** A bus whose publish fails while `failuresLeft` > 0 (a broker that is down). */
class FlakyBus implements Bus {
  failuresLeft = 0;
  attempts = 0;
  constructor(private readonly inner: Bus) {}
  async publish(messages: OutgoingMessage[]): Promise<void> {
    this.attempts++;
    if (this.failuresLeft > 0) {
      this.failuresLeft--;
      throw new Error('broker unavailable');
    }
    await this.inner.publish(messages);
  }
  consume = (o: Parameters<Bus['consume']>[0]) => this.inner.consume(o);
  ensureTopics = (t: string[]) => this.inner.ensureTopics(t);
  ping = () => this.inner.ping();
  close = () => this.inner.close();
}

describe('startRelay', () => {
  let store: MemoryEventStore;
  let bus: MemoryBus;
  let checkpoints: MemoryCheckpointStore;
  let received: IncomingMessage[];
  const log: string[] = [];

  const baseOptions = (): Omit<RelayOptions, 'bus'> => ({
    store,
    checkpoints,
    name: 'plan-relay',
    filter: { categories: ['planReport'] },
    map: (e) => [{ topic: TOPIC, value: Buffer.from(JSON.stringify({ type: e.type, data: e.data })) }],
    retryInitialMs: 1,
    retryMaxMs: 5,
    log: (l) => void log.push(l),
  });

  beforeEach(async () => {
    store = new MemoryEventStore();
    bus = new MemoryBus();
    checkpoints = new MemoryCheckpointStore();
    received = [];
    await bus.ensureTopics([TOPIC]);
    await bus.consume({ groupId: 'observer', topics: [TOPIC], handler: async (m) => void received.push(m) });
  });
  afterEach(async () => {
    await bus.close();
    await store.close();
  });

  const ids = () => received.map((m) => m.headers.ce_id);

  it('publishes every event keyed by its stream with ce_id = event id, then checkpoints its position', async () => {
    const last = await appendEvents(store, 12);
    await store.appendToStream('otherCategory-x', [event(99)], { expectedRevision: 'any' });
    const relay = await startRelay({ ...baseOptions(), bus });
    await eventually(async () => (await checkpoints.load('plan-relay')) === last, 'the checkpoint');
    await eventually(() => received.length === 12, '12 messages');
    await relay.stop();
    const events = (await store.readAll()).filter((e) => e.streamName.startsWith('planReport-'));
    expect(new Set(ids())).toEqual(new Set(events.map((e) => e.metadata.eventId)));
    for (const m of received) {
      const source = events.find((e) => e.metadata.eventId === m.headers.ce_id)!;
      expect(m.key).toBe(source.streamName);
    }
  });

  it('does not move the checkpoint while publishing fails, then delivers everything once', async () => {
    const flaky = new FlakyBus(bus);
    flaky.failuresLeft = Number.MAX_SAFE_INTEGER;
    const last = await appendEvents(store, 10);
    const relay = await startRelay({ ...baseOptions(), bus: flaky });
    await eventually(() => flaky.attempts >= 5, 'several failed attempts');
    expect(await checkpoints.load('plan-relay')).toBeUndefined();
    expect(received).toEqual([]);
    flaky.failuresLeft = 0;
    await eventually(async () => (await checkpoints.load('plan-relay')) === last, 'the checkpoint');
    await eventually(() => received.length === 10, '10 messages');
    await relay.stop();
    expect(new Set(ids()).size).toBe(10);
    expect(log.some((l) => l.includes('publish failed'))).toBe(true);
  });

  it('resumes exactly after the last checkpoint when restarted', async () => {
    const first = await appendEvents(store, 8);
    let relay = await startRelay({ ...baseOptions(), bus });
    await eventually(async () => (await checkpoints.load('plan-relay')) === first, 'the first checkpoint');
    await relay.stop();
    const last = await appendEvents(store, 5, 8);
    relay = await startRelay({ ...baseOptions(), bus });
    await eventually(async () => (await checkpoints.load('plan-relay')) === last, 'the second checkpoint');
    await eventually(() => received.length >= 13, '13 messages');
    await new Promise((r) => setTimeout(r, 30));
    await relay.stop();
    expect(received).toHaveLength(13);
    expect(new Set(ids()).size).toBe(13);
  });

  it('republishes (at-least-once) what was published but not checkpointed before a crash', async () => {
    const broken: CheckpointStore = {
      load: async () => undefined,
      save: async () => Promise.reject(new Error('database down')),
    };
    await appendEvents(store, 6);
    const crashed = await startRelay({ ...baseOptions(), checkpoints: broken, bus });
    await eventually(() => received.length === 6, 'the first publication');
    await crashed.stop();
    const last = (await store.readAll()).at(-1)!.position;
    const relay = await startRelay({ ...baseOptions(), bus });
    await eventually(async () => (await checkpoints.load('plan-relay')) === last, 'the checkpoint');
    await eventually(() => received.length === 12, 'the republication');
    await relay.stop();
    const counts = new Map<string, number>();
    for (const id of ids()) counts.set(id, (counts.get(id) ?? 0) + 1);
    expect([...counts.values()]).toEqual([2, 2, 2, 2, 2, 2]);
  });

  it('moves the checkpoint past events that map to nothing', async () => {
    const last = await appendEvents(store, 4);
    const relay = await startRelay({ ...baseOptions(), bus, map: () => null });
    await eventually(async () => (await checkpoints.load('plan-relay')) === last, 'the checkpoint');
    await relay.stop();
    expect(received).toEqual([]);
  });

  it('stops with an error when map throws, without checkpointing the failed batch', async () => {
    await appendEvents(store, 3);
    const relay = await startRelay({
      ...baseOptions(),
      bus,
      map: () => {
        throw new Error('bad mapping');
      },
    });
    await expect(relay.done).rejects.toThrow('bad mapping');
    expect(await checkpoints.load('plan-relay')).toBeUndefined();
  });
});

describe('MemoryCheckpointStore', () => {
  it('never moves a checkpoint backwards', async () => {
    const c = new MemoryCheckpointStore();
    await c.save('r', 5n);
    await c.save('r', 3n);
    expect(await c.load('r')).toBe(5n);
    await c.save('r', 9n);
    expect(await c.load('r')).toBe(9n);
  });
});
