import { GENESIS_HASH, sealEvents, type RecordedEvent } from '@crm/event-store';
import { newEvent } from '@crm/event-store/testing';
import { backoffDelay, startResilientSubscription, type Feed, type FeedItem } from './resilient-subscription';

/** Events at positions 10, 20, 30, … of stream t-1 (HN) with every third concerning GT instead. */
function events(n: number): RecordedEvent[] {
  const sealed = sealEvents(
    't-1',
    Array.from({ length: n }, () => newEvent()),
    0,
    GENESIS_HASH,
    new Date('2020-06-30T12:00:00Z'),
  );
  return sealed.map((s, i) => ({
    streamName: 't-1',
    revision: s.revision,
    position: BigInt((i + 1) * 10),
    type: s.metadata.type,
    data: s.data,
    metadata: { ...s.metadata, countries: i % 3 === 2 ? ['GT'] : ['HN'] },
  }));
}

type Script = (from: bigint | undefined) => { items: FeedItem[]; then: 'error' | 'end' | 'hang' };

/** A fake server: each open() plays the scripted items, then errors, ends, or hangs until closed. */
function fakeSource(script: Script) {
  const opened: Array<bigint | undefined> = [];
  let closes = 0;
  const open = (from: bigint | undefined): Feed => {
    opened.push(from);
    const plan = script(from);
    let closed = false;
    let release: () => void = () => undefined;
    async function* items(): AsyncGenerator<FeedItem> {
      for (const item of plan.items) {
        if (closed) return;
        yield item;
      }
      if (plan.then === 'error') throw new Error('connection reset');
      if (plan.then === 'hang') await new Promise<void>((r) => (release = r));
    }
    return {
      items: items(),
      close: async () => {
        if (!closed) closes++; // feeds closed (closing twice is allowed and harmless)
        closed = true;
        release();
      },
    };
  };
  return { open, opened, closes: () => closes };
}

const instant = () => {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
};

const waitFor = async (check: () => boolean) => {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((r) => setTimeout(r, 2));
  if (!check()) throw new Error('timed out');
};

describe('backoffDelay', () => {
  it('grows exponentially from initialMs and is capped at maxMs', () => {
    const policy = { initialMs: 100, maxMs: 1000, factor: 2 };
    expect([1, 2, 3, 4, 5, 6].map((a) => backoffDelay(a, policy))).toEqual([100, 200, 400, 800, 1000, 1000]);
    expect(() => backoffDelay(0, policy)).toThrow();
  });
});

describe('startResilientSubscription', () => {
  const all = events(6);
  const ev = (e: RecordedEvent): FeedItem => ({ kind: 'event', event: e });

  it('re-subscribes after a drop from the last delivered position, after a back-off, skipping re-deliveries', async () => {
    // the server re-delivers from an earlier point after each drop (at-least-once): the checkpoint must not go back
    const source = fakeSource(() => {
      const calls = source.opened.length;
      if (calls === 1) return { items: all.slice(0, 2).map(ev), then: 'error' };
      if (calls === 2) return { items: all.slice(0, 4).map(ev), then: 'end' }; // re-sends 10, 20
      return { items: [...all.slice(2).map(ev), { kind: 'caughtUp' }], then: 'hang' }; // re-sends 30, 40
    });
    const clock = instant();
    const seen: bigint[] = [];
    const drops: Array<bigint | undefined> = [];
    const sub = startResilientSubscription({
      open: source.open,
      subscribe: { handler: async (e) => void seen.push(e.position) },
      backoff: { initialMs: 50, maxMs: 60, factor: 2 },
      sleep: clock.sleep,
      onDrop: ({ resumeAfter }) => drops.push(resumeAfter),
    });
    await waitFor(() => sub.caughtUp);
    expect(seen).toEqual([10n, 20n, 30n, 40n, 50n, 60n]);
    expect(source.opened).toEqual([undefined, 20n, 40n]);
    expect(drops).toEqual([20n, 40n]);
    expect(clock.waits).toEqual([50, 50]); // delivering an event resets the failure count
    await sub.stop();
    await sub.done;
    expect(source.closes()).toBe(3);
  });

  it('consecutive failures back off exponentially; maxAttempts gives up and done rejects with the error', async () => {
    const source = fakeSource(() => ({ items: [], then: 'error' }));
    const clock = instant();
    const sub = startResilientSubscription({
      open: source.open,
      subscribe: { fromPosition: 5n, handler: async () => undefined },
      backoff: { initialMs: 10, maxMs: 1000, factor: 3, maxAttempts: 3 },
      sleep: clock.sleep,
    });
    await expect(sub.done).rejects.toThrow('connection reset');
    expect(clock.waits).toEqual([10, 30, 90]);
    expect(source.opened).toEqual([5n, 5n, 5n, 5n]);
  });

  it('applies the client-side filter (country) but still advances the resume point past filtered events', async () => {
    const source = fakeSource(() =>
      source.opened.length === 1
        ? { items: all.slice(0, 3).map(ev), then: 'error' }
        : { items: [{ kind: 'caughtUp' }], then: 'hang' },
    );
    const seen: bigint[] = [];
    const sub = startResilientSubscription({
      open: source.open,
      subscribe: { filter: { country: 'HN' }, handler: async (e) => void seen.push(e.position) },
      sleep: instant().sleep,
    });
    await waitFor(() => sub.caughtUp);
    expect(seen).toEqual([10n, 20n]); // 30 concerns GT
    expect(source.opened).toEqual([undefined, 30n]);
    await sub.stop();
  });

  it('a failing handler ends the subscription without re-subscribing', async () => {
    const source = fakeSource(() => ({ items: all.map(ev), then: 'hang' }));
    const sub = startResilientSubscription({
      open: source.open,
      subscribe: {
        handler: async (e) => {
          if (e.position === 20n) throw new Error('projection failed');
        },
      },
      sleep: instant().sleep,
    });
    await expect(sub.done).rejects.toThrow('projection failed');
    expect(source.opened).toHaveLength(1);
  });

  it('stop() during a handler resolves after it; nothing is delivered after stop and done resolves', async () => {
    const source = fakeSource(() => ({ items: all.map(ev), then: 'hang' }));
    let release: () => void = () => undefined;
    const blocked = new Promise<void>((r) => (release = r));
    const seen: bigint[] = [];
    let finished = false;
    const sub = startResilientSubscription({
      open: source.open,
      subscribe: {
        handler: async (e) => {
          seen.push(e.position);
          if (e.position === 20n) {
            await blocked;
            finished = true;
          }
        },
      },
    });
    await waitFor(() => seen.length === 2);
    const stopping = sub.stop();
    await new Promise((r) => setTimeout(r, 20));
    expect(finished).toBe(false);
    release();
    await stopping;
    expect(finished).toBe(true);
    await sub.done;
    expect(seen).toEqual([10n, 20n]);
  });

  it('stop() while waiting to re-subscribe ends at once', async () => {
    const source = fakeSource(() => ({ items: [], then: 'error' }));
    const sub = startResilientSubscription({
      open: source.open,
      subscribe: { handler: async () => undefined },
      backoff: { initialMs: 60_000, maxMs: 60_000, factor: 1 },
    });
    await waitFor(() => source.opened.length === 1);
    await new Promise((r) => setTimeout(r, 10));
    await sub.stop();
    await sub.done;
    expect(source.opened).toHaveLength(1);
  });
});
