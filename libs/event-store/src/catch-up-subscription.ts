import type { AllFilter, Position, RecordedEvent, SubscribeOptions, Subscription } from './types';

/** What a store gives the shared catch-up loop. */
export interface CatchUpSource {
  /** Events with position > fromPosition (exclusive) matching the filter, in global order; at most batchSize. */
  readAll(
    fromPosition: Position | undefined,
    batchSize: number,
    filter: AllFilter | undefined,
  ): Promise<RecordedEvent[]>;
  /** Registers a wake-up listener (called when new events may exist); returns the unregister function. */
  onWake(listener: () => void): () => void;
  /** Fallback poll interval when no wake-up arrives (ms). Default 500. */
  pollIntervalMs?: number;
}

export const DEFAULT_SUBSCRIPTION_BATCH = 500;

/**
 * Store-agnostic catch-up subscription: pages through readAll from the checkpoint, delivers events one
 * at a time strictly in order (awaiting the handler), advances the checkpoint only after the handler
 * returned, then waits for a wake-up (or the poll interval) and reads on. Never skips or repeats an
 * event as long as `readAll` never returns an event before an earlier one becomes readable.
 */
export function startCatchUpSubscription(source: CatchUpSource, options: SubscribeOptions): Subscription {
  const batchSize = options.batchSize ?? DEFAULT_SUBSCRIPTION_BATCH;
  const pollMs = source.pollIntervalMs ?? 500;
  let checkpoint = options.fromPosition;
  let stopped = false;
  let caughtUp = false;
  let woken = false;
  let wakeWaiter: (() => void) | undefined;
  let inHandler: Promise<void> | undefined;

  const wake = () => {
    woken = true;
    wakeWaiter?.();
  };
  const unregister = source.onWake(wake);

  const waitForWake = () =>
    new Promise<void>((resolve) => {
      if (woken || stopped) return resolve();
      const timer = setTimeout(done, pollMs);
      function done() {
        clearTimeout(timer);
        wakeWaiter = undefined;
        resolve();
      }
      wakeWaiter = done;
    });

  async function run(): Promise<void> {
    while (!stopped) {
      woken = false;
      const page = await source.readAll(checkpoint, batchSize, options.filter);
      for (const event of page) {
        if (stopped) return;
        if (checkpoint !== undefined && event.position <= checkpoint) {
          throw new Error(`catch-up: store returned position ${event.position} after ${checkpoint}`);
        }
        inHandler = Promise.resolve()
          .then(() => options.handler(event))
          .catch((error: unknown) => {
            handlerFailed = true;
            throw error;
          });
        try {
          await inHandler;
        } finally {
          inHandler = undefined;
        }
        checkpoint = event.position;
      }
      if (page.length < batchSize) {
        caughtUp = true;
        await waitForWake();
      }
    }
  }

  let handlerFailed = false;
  let failure: { error: unknown } | undefined;
  const loop = run()
    .catch((error: unknown) => {
      // A store error after stop() (e.g. the store closed during a read) is not a failure; a handler error is.
      if (!stopped || handlerFailed) failure = { error };
      stopped = true;
    })
    .finally(unregister);
  const done = loop.then(() => {
    if (failure) throw failure.error;
  });
  // Callers that only use stop() must not get an unhandled rejection; `done` still rejects for those who await it.
  done.catch(() => undefined);

  return {
    async stop() {
      if (stopped) {
        await inHandler?.catch(() => undefined);
        return;
      }
      stopped = true;
      wake();
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
