import type { EventStore, ExpectedRevision, NewEvent, RecordedEvent, StreamName } from '@crm/event-store';
import type { Clock } from '@crm/kernel';
import type { DecisionContext, Decider, DomainEvent } from './decider';
import { commandEventId } from './event-id';
import {
  toDomainEvent,
  toNewEvent as defaultToNewEvent,
  type CommandEnvelope,
  type FromRecorded,
  type ToNewEvent,
} from './event-mapping';

/** The port's conflict error code (WrongExpectedRevisionError); matched by code so this domain lib imports only types. */
const CONFLICT_CODE = 'event_store.wrong_expected_revision';

export interface CommandContext {
  envelope: CommandEnvelope;
  /** Read once per attempt: the decision instant given to `decide` and stored as occurredAt. */
  clock: Clock;
}

export interface HandleCommandOptions<Command, Event extends DomainEvent, State> {
  store: Pick<EventStore, 'readStream' | 'appendToStream'>;
  decider: Decider<Command, Event, State>;
  streamName: StreamName;
  command: Command;
  context: CommandContext;
  /** Domain event -> NewEvent (default: metadata from the envelope). */
  toNewEvent?: ToNewEvent<Event>;
  /** RecordedEvent -> domain event (default: type, data, schemaVersion; put upcasters here). */
  fromRecorded?: FromRecorded<Event>;
  /** Extra load→decide→append attempts after a concurrency conflict (default 3, so at most 4 attempts). */
  maxRetries?: number;
}

export interface HandleCommandResult<Event extends DomainEvent, State> {
  /** The events of this command: decided now, or (idempotent retry) found already recorded. */
  events: Event[];
  /** The stream's last revision after the command (-1: the stream still does not exist). */
  nextExpectedRevision: number;
  /** State after the command's events. */
  state: State;
  /** False when nothing was appended: no events decided, or the command had already been applied. */
  written: boolean;
  /** True when the stream already held this command's events (a retry with the same commandId). */
  alreadyApplied: boolean;
  /** Attempts used (1 unless a concurrent writer forced a retry). */
  attempts: number;
}

export function isConcurrencyConflict(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === CONFLICT_CODE;
}

/**
 * Load → decide → append with optimistic concurrency:
 * 1. read the stream forwards and fold it (`evolve` from `initialState`);
 * 2. if the stream already holds the events of this commandId, return them (idempotent retry);
 * 3. `decide(command, state, {now, actor})` (a refusal throws and nothing is written);
 * 4. append the decided events with expectedRevision = the loaded revision ('no_stream' when empty) and
 *    event ids derived from (commandId, index);
 * 5. on WrongExpectedRevisionError start again from 1, at most `maxRetries` times, then rethrow it.
 * No events decided → no append.
 */
export async function handleCommand<Command, Event extends DomainEvent, State>(
  options: HandleCommandOptions<Command, Event, State>,
): Promise<HandleCommandResult<Event, State>> {
  const { store, decider, streamName, command, context } = options;
  const maxRetries = options.maxRetries ?? 3;
  if (!Number.isSafeInteger(maxRetries) || maxRetries < 0)
    throw new Error(`maxRetries must be an integer >= 0, got ${maxRetries}`);
  const map = options.toNewEvent ?? defaultToNewEvent;
  const fromRecorded = options.fromRecorded ?? ((r: RecordedEvent) => toDomainEvent<Event>(r));
  const { envelope } = context;

  for (let attempt = 1; ; attempt++) {
    const recorded = await store.readStream(streamName, { direction: 'forwards' });
    const revision = recorded.length === 0 ? -1 : recorded[recorded.length - 1].revision;
    const state = recorded.reduce((s, r) => decider.evolve(s, fromRecorded(r)), decider.initialState());

    const previous = eventsOfCommand(recorded, envelope.commandId);
    if (previous.length > 0) {
      return {
        events: previous.map(fromRecorded),
        nextExpectedRevision: revision,
        state,
        written: false,
        alreadyApplied: true,
        attempts: attempt,
      };
    }

    const now = context.clock();
    const decision: DecisionContext = { now, actor: envelope.actor };
    const events = decider.decide(command, state, decision);
    if (events.length === 0) {
      return {
        events,
        nextExpectedRevision: revision,
        state,
        written: false,
        alreadyApplied: false,
        attempts: attempt,
      };
    }
    const newEvents: NewEvent[] = events.map((event, index) =>
      map(event, { eventId: commandEventId(envelope.commandId, index), index, envelope, now }),
    );
    const expectedRevision: ExpectedRevision = revision < 0 ? 'no_stream' : revision;
    try {
      const result = await store.appendToStream(streamName, newEvents, { expectedRevision });
      return {
        events,
        nextExpectedRevision: result.nextExpectedRevision,
        state: events.reduce((s, e) => decider.evolve(s, e), state),
        written: result.written,
        alreadyApplied: !result.written,
        attempts: attempt,
      };
    } catch (error) {
      if (!isConcurrencyConflict(error) || attempt > maxRetries) throw error;
    }
  }
}

/** The recorded events whose ids are commandEventId(commandId, 0), (…, 1), … in a row. */
function eventsOfCommand(recorded: RecordedEvent[], commandId: string): RecordedEvent[] {
  const first = commandEventId(commandId, 0);
  const start = recorded.findIndex((r) => r.metadata.eventId.toLowerCase() === first);
  if (start < 0) return [];
  const out: RecordedEvent[] = [];
  for (
    let i = start;
    i < recorded.length &&
    recorded[i].metadata.eventId.toLowerCase() === commandEventId(commandId, out.length);
    i++
  ) {
    out.push(recorded[i]);
  }
  return out;
}
