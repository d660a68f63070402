import { startCatchUpSubscription, type CatchUpSource } from './catch-up-subscription';
import type { RecordedEvent } from './types';

const ev = (position: number) =>
  ({
    position: BigInt(position),
    streamName: 's-1',
    revision: position,
    type: 'T',
    data: {},
    metadata: {},
  }) as RecordedEvent;

/** A source over a growing list, with wake-ups only when `wakeUps` is true. */
function source(
  events: RecordedEvent[],
  opts: { wakeUps: boolean; pollIntervalMs?: number; failRead?: () => boolean },
) {
  const listeners = new Set<() => void>();
  const reads: Array<bigint | undefined> = [];
  const src: CatchUpSource = {
    readAll: async (from, batch) => {
      reads.push(from);
      if (opts.failRead?.()) throw new Error('store down');
      return events.filter((e) => from === undefined || e.position > from).slice(0, batch);
    },
    onWake: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    pollIntervalMs: opts.pollIntervalMs ?? 10_000,
  };
  return {
    src,
    reads,
    append: (e: RecordedEvent) => (events.push(e), opts.wakeUps && listeners.forEach((l) => l())),
    listeners,
  };
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(check()).toBe(true);
};

describe('catch-up subscription loop', () => {
  it('given stored events, when subscribed from a checkpoint, then it pages through them in order, exclusive of the checkpoint', async () => {
    const s = source([1, 2, 3, 4, 5].map(ev), { wakeUps: true });
    const seen: bigint[] = [];
    const sub = startCatchUpSubscription(s.src, {
      fromPosition: 1n,
      batchSize: 2,
      handler: async (e) => void seen.push(e.position),
    });
    await until(() => sub.caughtUp);
    expect(seen).toEqual([2n, 3n, 4n, 5n]);
    expect(s.reads.slice(0, 3)).toEqual([1n, 3n, 5n]);
    await sub.stop();
    await sub.done;
    expect(s.listeners.size).toBe(0);
  });

  it('given no wake-up signal, then the poll interval still finds new events', async () => {
    const s = source([ev(1)], { wakeUps: false, pollIntervalMs: 20 });
    const seen: bigint[] = [];
    const sub = startCatchUpSubscription(s.src, { handler: async (e) => void seen.push(e.position) });
    await until(() => sub.caughtUp);
    s.append(ev(2));
    await until(() => seen.length === 2);
    expect(seen).toEqual([1n, 2n]);
    await sub.stop();
  });

  it('given it is idle with a long poll interval, when stopped, then done resolves at once', async () => {
    const s = source([], { wakeUps: true, pollIntervalMs: 60_000 });
    const sub = startCatchUpSubscription(s.src, { handler: async () => undefined });
    await until(() => sub.caughtUp);
    await sub.stop();
    // it must not sleep out the 60 s poll interval
    const first = await Promise.race([
      sub.done.then(() => 'done'),
      new Promise((r) => setTimeout(() => r('still waiting'), 2_000)),
    ]);
    expect(first).toBe('done');
  });

  it('given the store fails while running, then done rejects with its error', async () => {
    let fail = false;
    const s = source([ev(1)], { wakeUps: true, failRead: () => fail });
    const sub = startCatchUpSubscription(s.src, { handler: async () => undefined });
    await until(() => sub.caughtUp);
    fail = true;
    s.append(ev(2));
    await expect(sub.done).rejects.toThrow('store down');
  });

  it('given a store that returns an event at or before the checkpoint, then it refuses to repeat it', async () => {
    const s = source([ev(1)], { wakeUps: true });
    s.src.readAll = async () => [ev(1)];
    const sub = startCatchUpSubscription(s.src, { fromPosition: 1n, handler: async () => undefined });
    await expect(sub.done).rejects.toThrow('after 1');
  });
});
