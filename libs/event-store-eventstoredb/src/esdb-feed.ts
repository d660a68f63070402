import {
  START,
  type AllStreamResolvedEvent,
  type AllStreamSubscription,
  type EventStoreDBClient,
  type Filter,
} from '@eventstore/db-client';
import type { Position } from '@crm/event-store';
import type { Feed, FeedItem } from './resilient-subscription';
import { isPlatformStream, toEsdbPosition, toRecordedEvent, type EsdbRecord } from './translate';

/** Pause the server stream above this many undelivered items; resume below LOW. */
const HIGH = 1000;
const LOW = 100;

/**
 * Turns an ESDB `subscribeToAll` stream into an ordered async feed with back-pressure.
 * 'caughtUp' is emitted by the client when the server's CaughtUp message is transformed, which can be
 * before events already buffered in the readable side were emitted as 'data': the marker is therefore
 * queued after exactly `readableLength` more data events, so it never overtakes an earlier event.
 * (CaughtUp messages are sent by EventStoreDB 23.10 and later.)
 */
export function openEsdbFeed(client: EventStoreDBClient, from: Position | undefined, filter: Filter): Feed {
  const subscription: AllStreamSubscription = client.subscribeToAll({
    fromPosition: from === undefined ? START : toEsdbPosition(from),
    filter,
  });
  const queue: FeedItem[] = [];
  const markers: number[] = []; // data events still to come before each pending caughtUp marker
  let ended = false;
  let failure: { error: unknown } | undefined;
  let wake: (() => void) | undefined;
  const notify = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };

  const push = (item: FeedItem) => {
    queue.push(item);
    if (queue.length >= HIGH && !subscription.isPaused()) subscription.pause();
    notify();
  };

  subscription.on('data', (resolved: AllStreamResolvedEvent) => {
    try {
      const e = resolved.event;
      if (e && isPlatformStream(e.streamId))
        push({ kind: 'event', event: toRecordedEvent(e as unknown as EsdbRecord) });
    } catch (error) {
      failure = { error };
      notify();
    }
    for (let i = 0; i < markers.length; i++) {
      markers[i]--;
      if (markers[i] === 0) push({ kind: 'caughtUp' });
    }
    while (markers.length > 0 && markers[0] <= 0) markers.shift();
  });
  subscription.on('caughtUp', () => {
    const pending = subscription.readableLength;
    if (pending === 0) push({ kind: 'caughtUp' });
    else markers.push(pending);
  });
  subscription.on('error', (error: Error) => {
    failure = { error };
    notify();
  });
  subscription.on('end', () => {
    ended = true;
    notify();
  });

  async function* items(): AsyncGenerator<FeedItem> {
    for (;;) {
      const next = queue.shift();
      if (next) {
        if (queue.length <= LOW && subscription.isPaused()) subscription.resume();
        yield next;
        continue;
      }
      if (failure) throw failure.error;
      if (ended) return;
      await new Promise<void>((resolve) => (wake = resolve));
    }
  }

  return {
    items: items(),
    close: async () => {
      ended = true;
      notify();
      await subscription.unsubscribe();
    },
  };
}
