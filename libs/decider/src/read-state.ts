import type { EventStore, RecordedEvent, StreamName } from '@crm/event-store';
import { fold, type Decider, type DomainEvent } from './decider';
import { toDomainEvent, type FromRecorded } from './event-mapping';

/** A stream read and folded: what a command handler decides on and what a query answers from. */
export interface StreamState<Event extends DomainEvent, State> {
  /** The fold of the stream's events (`initialState()` when the stream does not exist). */
  state: State;
  /** The stream's last revision; -1 when the stream does not exist. */
  revision: number;
  /** The stream's events as the decider sees them (after `fromRecorded`), oldest first. */
  events: Event[];
  /** The stored events themselves (ids, metadata, recording time), oldest first. */
  recorded: RecordedEvent[];
}

/**
 * Reads `streamName` forwards and folds it with the decider's `evolve` from its `initialState`. The one way the
 * platform loads the state of a stream (the command handler, and every query that folds a stream, use it).
 * `fromRecorded` maps a stored event to the domain event (default `toDomainEvent`; put upcasters there).
 */
export async function readState<Event extends DomainEvent, State>(
  store: Pick<EventStore, 'readStream'>,
  streamName: StreamName,
  decider: Pick<Decider<unknown, Event, State>, 'evolve' | 'initialState'>,
  fromRecorded: FromRecorded<Event> = (recorded) => toDomainEvent<Event>(recorded),
): Promise<StreamState<Event, State>> {
  const recorded = await store.readStream(streamName, { direction: 'forwards' });
  const events = recorded.map(fromRecorded);
  return {
    state: fold(decider, events),
    revision: recorded.length === 0 ? -1 : recorded[recorded.length - 1].revision,
    events,
    recorded,
  };
}
