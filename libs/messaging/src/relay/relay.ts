import type { AllFilter, EventStore, Position, RecordedEvent, Subscription } from '@crm/event-store';
import { logPortOf, type LogPort } from '@crm/kernel';
import { stderrJsonLogPort } from '../stderr-log';
import type { Bus, OutgoingMessage } from '../types';
import type { CheckpointStore } from './checkpoint-store';
import { backoffDelay, type BackoffOptions } from '../retry';
import { StoppableSleep } from '../stoppable-sleep';
import { RelayStoppedError } from './stopped-error';

/** What `map` returns: an outgoing message whose key defaults to the event's stream name. */
export type RelayMessage = Omit<OutgoingMessage, 'key'> & { key?: string };

export interface RelayOptions {
  store: EventStore;
  bus: Bus;
  checkpoints: CheckpointStore;
  /** Checkpoint name; one per relay (e.g. `referrals-integration-events`). */
  name: string;
  filter?: AllFilter;
  /** Integration messages for a domain event; null or [] publishes nothing (the checkpoint still moves). */
  map: (event: RecordedEvent) => RelayMessage[] | null;
  /** Maximum events per publish (default 100). */
  batchSize?: number;
  /** How long a partial batch waits for more events before it is published (default 5 ms). */
  lingerMs?: number;
  /** Publish/checkpoint retry back-off (default 100 ms doubling up to 30 s; retries never stop). */
  retryInitialMs?: number;
  retryMaxMs?: number;
  /** Where failures and retries are reported (services: the kit's redacting logger). */
  logger?: LogPort;
  /** Legacy line callback, used when `logger` is absent. Default: JSON lines on stderr. */
  log?: (line: string) => void;
}

export interface Relay {
  /** Stops reading; an in-flight publish finishes and is checkpointed; unpublished buffered events are dropped (they are re-read after a restart). */
  stop(): Promise<void>;
  /** Settles after stop(); rejects only if `map` throws (a programming error). */
  readonly done: Promise<void>;
  readonly caughtUp: boolean;
  /** The last checkpoint this relay saved (or loaded at start). */
  readonly checkpoint: Position | undefined;
  /** Its checkpoint name and filter: what is still to publish is every matching event after `checkpoint`. */
  readonly name: string;
  readonly filter: AllFilter | undefined;
}

/**
 * The store→bus relay: a catch-up subscription from the stored checkpoint that publishes each event's
 * integration messages and saves the checkpoint only after the bus acknowledged them. The event store is
 * the outbox. A crash between publish and checkpoint republishes (at-least-once): consumers deduplicate by
 * the CloudEvents id (`ce_id`, defaulting to the event id).
 */
export async function startRelay(options: RelayOptions): Promise<Relay> {
  const relay = new RelayRunner(options);
  await relay.start();
  return relay;
}

class RelayRunner implements Relay {
  private subscription: Subscription | null = null;
  private buffer: RecordedEvent[] = [];
  private chain: Promise<void> = Promise.resolve();
  private linger: NodeJS.Timeout | null = null;
  private stopped = false;
  private failure: Error | null = null;
  private saved: Position | undefined;
  private readonly sleeps = new StoppableSleep();
  private resolveDone!: () => void;
  private rejectDone!: (err: Error) => void;
  private supervisor: Promise<void> = Promise.resolve();
  readonly done: Promise<void>;
  private readonly batchSize: number;
  private readonly backoff: BackoffOptions;
  private readonly logger: LogPort;

  constructor(private readonly options: RelayOptions) {
    this.batchSize = Math.max(1, options.batchSize ?? 100);
    this.backoff = { initialMs: options.retryInitialMs ?? 100, maxMs: options.retryMaxMs ?? 30_000 };
    this.logger = logPortOf(options, () => stderrJsonLogPort('relay'));
    this.done = new Promise((resolve, reject) => {
      this.resolveDone = resolve;
      this.rejectDone = reject;
    });
    this.done.catch(() => undefined);
  }

  get caughtUp(): boolean {
    return this.subscription?.caughtUp ?? false;
  }

  get checkpoint(): Position | undefined {
    return this.saved;
  }

  get name(): string {
    return this.options.name;
  }

  get filter(): AllFilter | undefined {
    return this.options.filter;
  }

  async start(): Promise<void> {
    this.saved = await this.options.checkpoints.load(this.options.name);
    this.subscribe();
    this.supervisor = this.supervise();
  }

  async stop(): Promise<void> {
    if (!this.stopped) {
      this.stopped = true;
      if (this.linger) clearTimeout(this.linger);
      this.sleeps.stop();
      await this.subscription?.stop().catch(() => undefined);
      await this.supervisor;
      await this.chain.catch(() => undefined);
      this.buffer = [];
      if (this.failure) this.rejectDone(this.failure);
      else this.resolveDone();
    }
    await this.done.catch(() => undefined);
  }

  private subscribe(): void {
    this.subscription = this.options.store.subscribeToAll({
      fromPosition: this.saved,
      filter: this.options.filter,
      batchSize: this.batchSize,
      handler: (event) => this.onEvent(event),
    });
  }

  /** Restarts the subscription from the last checkpoint when the store fails; forever, with back-off. */
  private async supervise(): Promise<void> {
    for (let failures = 1; !this.stopped; failures++) {
      try {
        await this.subscription!.done;
        if (this.stopped) return;
        failures = 0;
      } catch (err) {
        if (this.stopped || this.failure) return;
        this.logger.warn(
          { relay: this.options.name, error: (err as Error).message },
          `[relay ${this.options.name}] subscription failed, restarting from checkpoint`,
        );
      }
      await this.sleeps.sleep(backoffDelay(Math.max(1, failures), this.backoff));
      if (this.stopped) return;
      await this.chain.catch(() => undefined);
      this.buffer = [];
      this.subscribe();
    }
  }

  private async onEvent(event: RecordedEvent): Promise<void> {
    if (this.stopped) throw new RelayStoppedError();
    if (this.failure) throw this.failure;
    this.buffer.push(event);
    if (this.buffer.length >= this.batchSize) {
      await this.flush();
    } else if (!this.linger) {
      this.linger = setTimeout(() => {
        this.linger = null;
        void this.flush().catch(() => undefined);
      }, this.options.lingerMs ?? 5);
    }
  }

  private flush(): Promise<void> {
    if (this.linger) {
      clearTimeout(this.linger);
      this.linger = null;
    }
    const batch = this.buffer;
    this.buffer = [];
    this.chain = this.chain.then(() => this.publishBatch(batch));
    return this.chain;
  }

  private async publishBatch(batch: RecordedEvent[]): Promise<void> {
    if (batch.length === 0 || this.stopped) return;
    let messages: OutgoingMessage[];
    try {
      messages = batch.flatMap((event) => this.messagesFor(event));
    } catch (err) {
      this.failure = err instanceof Error ? err : new Error(String(err));
      this.logger.warn(
        { relay: this.options.name, error: this.failure.message },
        `[relay ${this.options.name}] map failed, relay stopped`,
      );
      void this.stop();
      throw this.failure;
    }
    const last = batch[batch.length - 1].position;
    if (messages.length > 0) await this.retrying('publish', () => this.options.bus.publish(messages));
    // The checkpoint moves only after the bus acknowledged; a save is attempted even when stopping.
    await this.retrying(
      'save checkpoint',
      () => this.options.checkpoints.save(this.options.name, last),
      true,
    );
    this.saved = last;
  }

  private messagesFor(event: RecordedEvent): OutgoingMessage[] {
    const mapped = this.options.map(event) ?? [];
    return mapped.map((m, i) => {
      const headers = { ...(m.headers ?? {}) };
      if (!headers.ce_id)
        headers.ce_id = mapped.length === 1 ? event.metadata.eventId : `${event.metadata.eventId}/${i}`;
      return { topic: m.topic, key: m.key ?? event.streamName, value: m.value, headers };
    });
  }

  private async retrying(what: string, action: () => Promise<void>, evenIfStopped = false): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      if (this.stopped && !(evenIfStopped && attempt === 1)) throw new RelayStoppedError();
      try {
        await action();
        return;
      } catch (err) {
        const delay = backoffDelay(attempt, this.backoff);
        this.logger.warn(
          { relay: this.options.name, attempt, retryInMs: delay, error: (err as Error).message },
          `[relay ${this.options.name}] ${what} failed, retrying`,
        );
        await this.sleeps.sleep(delay);
      }
    }
  }
}
