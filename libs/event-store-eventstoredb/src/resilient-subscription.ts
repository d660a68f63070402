import {
  matchesFilter,
  type Position,
  type RecordedEvent,
  type SubscribeOptions,
  type Subscription,
} from '@crm/event-store';

/** What a live source yields, in order: events, and a marker once the historical events were all sent. */
export type FeedItem = { kind: 'event'; event: RecordedEvent } | { kind: 'caughtUp' };

/** One server subscription. `items` ends (or throws) when the server drops it; `close` ends it from our side. */
export interface Feed {
  items: AsyncIterable<FeedItem>;
  close(): Promise<void>;
}

/** Opens a server subscription delivering events with position > `from` (or from the start). */
export type OpenFeed = (from: Position | undefined) => Feed;

export interface BackoffPolicy {
  /** Delay before the first re-subscribe (ms). */
  initialMs: number;
  /** Upper bound of the delay (ms). */
  maxMs: number;
  /** Growth factor per consecutive failure. */
  factor: number;
  /** Give up (done rejects with the last error) after this many consecutive failures. Default: never. */
  maxAttempts?: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { initialMs: 200, maxMs: 30_000, factor: 2 };

/** Delay before re-subscribe number `attempt` (1-based): initial × factor^(attempt-1), capped at max. */
export function backoffDelay(attempt: number, policy: BackoffPolicy): number {
  if (!Number.isSafeInteger(attempt) || attempt < 1) throw new Error(`attempt must be >= 1, got ${attempt}`);
  return Math.min(policy.maxMs, policy.initialMs * policy.factor ** (attempt - 1));
}

export interface ResilientSubscriptionOptions {
  open: OpenFeed;
  subscribe: SubscribeOptions;
  backoff?: BackoffPolicy;
  /** Injected for tests; resolves after `ms` or earlier when `signal` fires. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Told about every drop before the wait (for logs/metrics). */
  onDrop?: (info: {
    error: unknown;
    attempt: number;
    delayMs: number;
    resumeAfter: Position | undefined;
  }) => void;
}

const defaultSleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done);
  });

class ServerEndedError extends Error {
  constructor() {
    super('the server ended the subscription');
  }
}

/**
 * A catch-up subscription over a server push subscription that can drop: delivers events one at a
 * time in order (awaiting the handler), applies the client-side filter, and when the feed errors or
 * ends without stop() re-opens it after an exponential back-off from the last delivered position.
 * The checkpoint never moves backwards: an event at or before it (a re-delivery after re-subscribing)
 * is skipped. A handler error ends the subscription (done rejects), as in every adapter.
 */
export function startResilientSubscription(options: ResilientSubscriptionOptions): Subscription {
  const { open, subscribe } = options;
  const policy = options.backoff ?? DEFAULT_BACKOFF;
  const sleep = options.sleep ?? defaultSleep;
  const stopController = new AbortController();
  let checkpoint = subscribe.fromPosition;
  let stopped = false;
  let caughtUp = false;
  let current: Feed | undefined;
  let inHandler: Promise<void> | undefined;
  let failures = 0;

  class HandlerError {
    constructor(readonly error: unknown) {}
  }

  async function consume(feed: Feed): Promise<void> {
    for await (const item of feed.items) {
      if (stopped) return;
      if (item.kind === 'caughtUp') {
        caughtUp = true;
        continue;
      }
      const event = item.event;
      if (checkpoint !== undefined && event.position <= checkpoint) continue;
      failures = 0;
      if (matchesFilter(event, subscribe.filter)) {
        inHandler = Promise.resolve().then(() => subscribe.handler(event));
        try {
          await inHandler;
        } catch (error) {
          throw new HandlerError(error);
        } finally {
          inHandler = undefined;
        }
      }
      checkpoint = event.position;
    }
    if (!stopped) throw new ServerEndedError();
  }

  async function run(): Promise<void> {
    while (!stopped) {
      const feed = open(checkpoint);
      current = feed;
      try {
        await consume(feed);
      } catch (error) {
        if (error instanceof HandlerError) throw error.error;
        if (stopped) return;
        failures++;
        if (policy.maxAttempts !== undefined && failures > policy.maxAttempts) throw error;
        const delayMs = backoffDelay(failures, policy);
        options.onDrop?.({ error, attempt: failures, delayMs, resumeAfter: checkpoint });
        await sleep(delayMs, stopController.signal);
      } finally {
        current = undefined;
        await feed.close().catch(() => undefined);
      }
    }
  }

  const done = run().finally(() => {
    stopped = true;
  });
  done.catch(() => undefined);

  return {
    async stop() {
      if (!stopped) {
        stopped = true;
        stopController.abort();
        await current?.close().catch(() => undefined);
      }
      await inHandler?.catch(() => undefined);
    },
    get done() {
      return done;
    },
    get caughtUp() {
      return caughtUp;
    },
  };
}
