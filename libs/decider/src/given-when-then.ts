import { inspect, isDeepStrictEqual } from 'node:util';
import type { DecisionContext, Decider, DomainEvent } from './decider';

/**
 * Given/when/then for deciders, usable in any test runner (it throws an Error with a readable message;
 * it does not need jest's `expect`):
 *
 *   given(counter, { type: 'Incremented', data: { by: 2 } })
 *     .when({ type: 'Increment', by: 3 })
 *     .then({ type: 'Incremented', data: { by: 3 } });
 *
 *   given(counter).when({ type: 'Increment', by: 0 }).thenThrows('counter.invalid_amount');
 */

/** The context used when `when(command)` gets none: a fixed instant and a Honduran focal point. */
export const DEFAULT_TEST_CONTEXT: DecisionContext = {
  now: new Date('2020-06-30T12:00:00.000Z'),
  actor: { subject: 'test-user', role: 'focal_point', country: 'HN', institution: 'DINAF' },
};

type ErrorClass = abstract new (...args: never[]) => Error;

export class DeciderAssertionError extends Error {
  override readonly name = 'DeciderAssertionError';
}

export interface Given<Command, Event extends DomainEvent, State> {
  /** Runs `decide(command, state-from-the-given-events, context)` now and keeps the outcome. */
  when(command: Command, context?: Partial<DecisionContext>): Then<Event, State>;
  /** Asserts the state folded from the given events alone. */
  thenState(expected: State): void;
}

export interface Then<Event extends DomainEvent, State> {
  /** Exactly these events, in this order (schemaVersion defaults to 1 on both sides). No argument: no events. */
  then(...expected: Event[]): Then<Event, State>;
  /** decide refused: an error with this `code` (LocalizedError) or of this class. */
  thenThrows(codeOrErrorClass: string | ErrorClass): void;
  /** The state after evolving the given events and then the decided ones. */
  thenState(expected: State): Then<Event, State>;
  /** The decided events, for further custom checks (throws if decide threw). */
  readonly events: Event[];
}

const show = (v: unknown) => inspect(v, { depth: 8, breakLength: 100, sorted: true });

function normalise(e: DomainEvent): DomainEvent {
  return { type: e.type, data: e.data, schemaVersion: e.schemaVersion ?? 1 };
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return `${error.constructor.name}${typeof code === 'string' ? ` [${code}]` : ''}: ${error.message}`;
  }
  return show(error);
}

function eventsDiff(expected: DomainEvent[], actual: DomainEvent[]): string {
  const lines: string[] = [];
  const n = Math.max(expected.length, actual.length);
  for (let i = 0; i < n; i++) {
    const e = expected[i];
    const a = actual[i];
    if (e && a && isDeepStrictEqual(normalise(e), normalise(a))) {
      lines.push(`  [${i}] ok        ${show(normalise(a))}`);
    } else {
      lines.push(`  [${i}] expected  ${e ? show(normalise(e)) : '(nothing)'}`);
      lines.push(`      actual    ${a ? show(normalise(a)) : '(nothing)'}`);
    }
  }
  return lines.join('\n');
}

export function given<Command, Event extends DomainEvent, State>(
  decider: Decider<Command, Event, State>,
  ...history: Event[]
): Given<Command, Event, State> {
  const foldHistory = () => history.reduce((s, e) => decider.evolve(s, e), decider.initialState());
  const historyText = history.length === 0 ? 'no events' : history.map((e) => e.type).join(', ');

  return {
    when(command, context) {
      const ctx: DecisionContext = { ...DEFAULT_TEST_CONTEXT, ...context };
      const before = foldHistory();
      let outcome: { ok: true; events: Event[] } | { ok: false; error: unknown };
      try {
        outcome = { ok: true, events: decider.decide(command, before, ctx) };
      } catch (error) {
        outcome = { ok: false, error };
      }
      const scene = `given ${historyText}\nwhen ${show(command)}`;
      const decided = (what: string): Event[] => {
        if (!outcome.ok) {
          throw new DeciderAssertionError(
            `${scene}\nexpected ${what}, but decide threw ${describeError(outcome.error)}`,
          );
        }
        return outcome.events;
      };

      const api: Then<Event, State> = {
        get events() {
          return decided('events');
        },
        then(...expected) {
          const actual = decided(expected.length === 0 ? 'no events' : `${expected.length} event(s)`);
          const same =
            actual.length === expected.length &&
            actual.every((a, i) => isDeepStrictEqual(normalise(a), normalise(expected[i])));
          if (!same) {
            throw new DeciderAssertionError(
              `${scene}\nthen: expected ${expected.length} event(s), decide returned ${actual.length}:\n${eventsDiff(expected, actual)}`,
            );
          }
          return api;
        },
        thenThrows(codeOrErrorClass) {
          if (outcome.ok) {
            throw new DeciderAssertionError(
              `${scene}\nexpected decide to throw ${typeof codeOrErrorClass === 'string' ? codeOrErrorClass : codeOrErrorClass.name}, but it returned ${show(outcome.events.map(normalise))}`,
            );
          }
          const error = outcome.error;
          const ok =
            typeof codeOrErrorClass === 'string'
              ? typeof error === 'object' &&
                error !== null &&
                (error as { code?: unknown }).code === codeOrErrorClass
              : error instanceof codeOrErrorClass;
          if (!ok) {
            const wanted =
              typeof codeOrErrorClass === 'string'
                ? `an error with code "${codeOrErrorClass}"`
                : `a ${codeOrErrorClass.name}`;
            throw new DeciderAssertionError(
              `${scene}\nexpected ${wanted}, but decide threw ${describeError(error)}`,
            );
          }
        },
        thenState(expected) {
          const events = decided('a state');
          const state = events.reduce((s, e) => decider.evolve(s, e), before);
          if (!isDeepStrictEqual(state, expected)) {
            throw new DeciderAssertionError(
              `${scene}\nthenState: expected\n  ${show(expected)}\nbut got\n  ${show(state)}`,
            );
          }
          return api;
        },
      };
      return api;
    },
    thenState(expected) {
      const state = foldHistory();
      if (!isDeepStrictEqual(state, expected)) {
        throw new DeciderAssertionError(
          `given ${historyText}\nthenState: expected\n  ${show(expected)}\nbut got\n  ${show(state)}`,
        );
      }
    },
  };
}
