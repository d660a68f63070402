import type { EventStore, ExpectedRevision, NewEvent, RecordedEvent, StreamName } from '@crm/event-store';
import type { Clock } from '@crm/kernel';
import type { DecisionContext, Decider, DomainEvent } from './decider';
import { commandEventId } from './event-id';
import {
  toNewEvent as defaultToNewEvent,
  type CommandEnvelope,
  type FromRecorded,
  type ToNewEvent,
} from './event-mapping';
import { readState } from './read-state';
import { StaleRevisionError } from './stale-revision';

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
  /**
   * The stream revision the caller decided on (the one it last read, e.g. HTTP `If-Match`; -1: the caller
   * expects no stream yet). When given, a stream at another revision refuses the command with
   * StaleRevisionError (412 `command.stale_revision`, details `{ expected, actual }`) and nothing is stored;
   * the append then expects exactly this revision. Absent: the command is decided on whatever is current.
   */
  expectedRevision?: number;
  /**
   * Extra load→decide→append attempts after a concurrency conflict (default 0: a conflict surfaces as the
   * store's 409 WrongExpectedRevisionError instead of being decided again on state the caller never saw).
   * Pass it only where deciding again is safe, e.g. an idempotent import with a fixed command id.
   */
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
 * 1. `readState`: read the stream forwards and fold it (`evolve` from `initialState`);
 * 2. if the stream already holds the events of this commandId, return them (idempotent retry; also when the
 *    stream has moved on since `expectedRevision`: the command was applied at that revision);
 * 3. with `expectedRevision`, a stream at another revision refuses the command (StaleRevisionError, 412);
 * 4. `decide(command, state, {now, actor})` (a refusal throws and nothing is written);
 * 5. append the decided events with expectedRevision = the loaded revision ('no_stream' when empty) and
 *    event ids derived from (commandId, index);
 * 6. on WrongExpectedRevisionError start again from 1 at most `maxRetries` times (default 0), then rethrow it.
 * No events decided → no append.
 */
export async function handleCommand<Command, Event extends DomainEvent, State>(
  options: HandleCommandOptions<Command, Event, State>,
): Promise<HandleCommandResult<Event, State>> {
  const { store, decider, streamName, command, context, expectedRevision } = options;
  const maxRetries = options.maxRetries ?? 0;
  if (!Number.isSafeInteger(maxRetries) || maxRetries < 0)
    throw new Error(`maxRetries must be an integer >= 0, got ${maxRetries}`);
  if (expectedRevision !== undefined && (!Number.isSafeInteger(expectedRevision) || expectedRevision < -1))
    throw new Error(`expectedRevision must be an integer >= -1, got ${expectedRevision}`);
  const map = options.toNewEvent ?? defaultToNewEvent;
  const { envelope } = context;

  for (let attempt = 1; ; attempt++) {
    const {
      state,
      revision,
      events: stored,
      recorded,
    } = await readState(store, streamName, decider, options.fromRecorded);

    const previous = rangeOfCommand(recorded, envelope.commandId);
    if (previous) {
      return {
        events: stored.slice(previous.start, previous.end),
        nextExpectedRevision: revision,
        state,
        written: false,
        alreadyApplied: true,
        attempts: attempt,
      };
    }
    if (expectedRevision !== undefined && expectedRevision !== revision)
      throw new StaleRevisionError(expectedRevision, revision);

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
    const expected: ExpectedRevision = revision < 0 ? 'no_stream' : revision;
    try {
      const result = await store.appendToStream(streamName, newEvents, { expectedRevision: expected });
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

/** Where the events with ids commandEventId(commandId, 0), (…, 1), … stand in a row, or null if not stored. */
function rangeOfCommand(recorded: RecordedEvent[], commandId: string): { start: number; end: number } | null {
  const first = commandEventId(commandId, 0);
  const start = recorded.findIndex((r) => r.metadata.eventId.toLowerCase() === first);
  if (start < 0) return null;
  let end = start;
  while (
    end < recorded.length &&
    recorded[end].metadata.eventId.toLowerCase() === commandEventId(commandId, end - start)
  )
    end++;
  return { start, end };
}
