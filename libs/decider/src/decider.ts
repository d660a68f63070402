/**
 * A decider is the whole write-side logic of one kind of stream, as pure functions:
 *   decide(command, state, context) -> events   (throws a LocalizedError to refuse)
 *   evolve(state, event) -> state
 *   initialState()
 * The clock and the acting principal arrive in `context`; a decider never reads the time itself.
 */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  type: Type;
  data: Data;
  /** Schema version of `data` (default 1). */
  schemaVersion?: number;
}

export interface DecisionContext {
  /** The instant the command is decided at (from the injected clock). */
  now: Date;
  actor: { subject: string; role: string; country: string; institution?: string };
}

export interface Decider<Command, Event extends DomainEvent, State> {
  decide(command: Command, state: State, context: DecisionContext): Event[];
  evolve(state: State, event: Event): State;
  initialState(): State;
}

/** Folds events into state: the same fold the command handler and the as-of replays use. */
export function fold<Event extends DomainEvent, State>(
  decider: Pick<Decider<unknown, Event, State>, 'evolve' | 'initialState'>,
  events: Iterable<Event>,
): State {
  let state = decider.initialState();
  for (const e of events) state = decider.evolve(state, e);
  return state;
}
