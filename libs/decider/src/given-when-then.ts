import { inspect, isDeepStrictEqual } from 'node:util';
import { LocalizedError } from '@crm/kernel';
import { fold, type DecisionContext, type Decider, type DomainEvent } from './decider';

/**
 * Given/when/then for deciders, the one spec helper of the platform. Usable in any test runner (it throws a
 * DeciderAssertionError with a readable message; it does not need jest's `expect`):
 *
 *   given(counter, { type: 'Incremented', data: { by: 2 } })
 *     .when({ type: 'Increment', by: 3 })
 *     .then({ type: 'Incremented', data: { by: 3 } });
 *
 *   given(counter).when({ type: 'Reset' }).thenNothingHappened();
 *   const error = given(counter).when({ type: 'Increment', by: 0 }).thenThrows('counter.invalid_amount');
 *
 * On top of the assertions, every `when`:
 * - deep-freezes the given events, the state folded from them and the command, so a decide (or evolve) that
 *   changes them fails with a TypeError instead of passing by accident;
 * - decides twice (on the frozen state and on a fresh fold) and fails unless both calls give the same
 *   outcome: decide must be deterministic (no clock, no randomness, no I/O; those arrive in the context).
 */

/** The context used when `when(command)` gets none: a fixed instant and a Honduran focal point. */
export const DEFAULT_TEST_CONTEXT: DecisionContext = {
  now: new Date('2020-06-30T12:00:00.000Z'),
  actor: { subject: 'test-user', role: 'focal_point', country: 'HN', institution: 'DINAF' },
};

type ErrorClass<E extends Error = Error> = abstract new (...args: never[]) => E;

export class DeciderAssertionError extends Error {
  override readonly name = 'DeciderAssertionError';
}

export interface Given<Command, Event extends DomainEvent, State> {
  /** Runs `decide(command, state-from-the-given-events, context)` now (twice: see above) and keeps the outcome. */
  when(command: Command, context?: Partial<DecisionContext>): Then<Event, State>;
  /** Asserts the state folded from the given events alone. */
  thenState(expected: State): void;
  /** The state folded from the given events (deep-frozen), for custom checks. */
  readonly state: State;
}

export interface Then<Event extends DomainEvent, State> {
  /** Exactly these events, in this order (schemaVersion defaults to 1 on both sides). */
  then(first: Event, ...rest: Event[]): Then<Event, State>;
  /** decide accepted the command and decided no event (an idempotent no-op). */
  thenNothingHappened(): Then<Event, State>;
  /**
   * decide refused: a LocalizedError with this `code` and both texts (es, en), or an error of this class.
   * Returns the error for further checks (its kind, details, texts).
   */
  thenThrows(code: string): LocalizedError;
  thenThrows<E extends Error>(errorClass: ErrorClass<E>): E;
  /** The state after evolving the given events and then the decided ones. */
  thenState(expected: State): Then<Event, State>;
  /** The decided events, for custom checks (fails if decide threw). */
  readonly events: Event[];
  /** The state after the decided events, for custom checks (fails if decide threw). */
  readonly state: State;
}

type Outcome<Event> = { ok: true; events: Event[] } | { ok: false; error: unknown };

const show = (v: unknown) => inspect(v, { depth: 8, breakLength: 100, sorted: true });
const showLine = (v: unknown) => inspect(v, { depth: 8, breakLength: Infinity, sorted: true });

function normalise(e: DomainEvent): DomainEvent {
  return { type: e.type, data: e.data, schemaVersion: e.schemaVersion ?? 1 };
}

/** Freezes an object or array and every object reachable from it, in place (functions are left alone). */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Object.isFrozen(value) || ArrayBuffer.isView(value)) return value;
  Object.freeze(value);
  for (const key of Reflect.ownKeys(value)) deepFreeze((value as Record<PropertyKey, unknown>)[key]);
  return value;
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return `${error.constructor.name}${typeof code === 'string' ? ` [${code}]` : ''}: ${error.message}`;
  }
  return show(error);
}

function describeOutcome<Event extends DomainEvent>(outcome: Outcome<Event>): string {
  return outcome.ok
    ? `returned ${showLine(outcome.events.map(normalise))}`
    : `threw ${describeError(outcome.error)}`;
}

function attempt<Event>(decide: () => Event[]): Outcome<Event> {
  try {
    return { ok: true, events: decide() };
  } catch (error) {
    return { ok: false, error };
  }
}

function sameOutcome<Event>(a: Outcome<Event>, b: Outcome<Event>): boolean {
  if (a.ok && b.ok) return isDeepStrictEqual(a.events, b.events);
  if (!a.ok && !b.ok) return describeError(a.error) === describeError(b.error);
  return false;
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

function matchesRefusal(error: unknown, codeOrErrorClass: string | ErrorClass): boolean {
  return typeof codeOrErrorClass === 'string'
    ? error instanceof LocalizedError && error.code === codeOrErrorClass
    : error instanceof codeOrErrorClass;
}

export function given<Command, Event extends DomainEvent, State>(
  decider: Decider<Command, Event, State>,
  ...history: Event[]
): Given<Command, Event, State> {
  history.forEach(deepFreeze);
  const historyText = history.length === 0 ? 'no events' : history.map((e) => e.type).join(', ');
  let folded: { state: State } | undefined;
  const givenState = (): State => (folded ??= { state: deepFreeze(fold(decider, history)) }).state;
  const assertState = (scene: string, expected: State, actual: State) => {
    if (!isDeepStrictEqual(actual, expected)) {
      throw new DeciderAssertionError(
        `${scene}\nthenState: expected\n  ${show(expected)}\nbut got\n  ${show(actual)}`,
      );
    }
  };

  return {
    get state() {
      return givenState();
    },
    thenState(expected) {
      assertState(`given ${historyText}`, expected, givenState());
    },
    when(command, context) {
      const ctx: DecisionContext = { ...DEFAULT_TEST_CONTEXT, ...context };
      deepFreeze(command);
      const before = givenState();
      const scene = `given ${historyText}\nwhen ${show(command)}`;
      const outcome = attempt(() => decider.decide(command, before, ctx));
      const again = attempt(() => decider.decide(command, fold(decider, history), ctx));
      if (!sameOutcome(outcome, again)) {
        throw new DeciderAssertionError(
          `${scene}\ndecide is not deterministic: two calls on the same state and command differ:\n` +
            `  first   ${describeOutcome(outcome)}\n  second  ${describeOutcome(again)}\n` +
            '(a TypeError on the first call means decide changed its frozen state or command)',
        );
      }
      const decided = (what: string): Event[] => {
        if (!outcome.ok) {
          throw new DeciderAssertionError(
            `${scene}\nexpected ${what}, but decide threw ${describeError(outcome.error)}`,
          );
        }
        return outcome.events;
      };
      const after = (what: string): State => decided(what).reduce((s, e) => decider.evolve(s, e), before);
      const assertEvents = (expected: Event[]): void => {
        const actual = decided(expected.length === 0 ? 'no events' : `${expected.length} event(s)`);
        const same =
          actual.length === expected.length &&
          actual.every((a, i) => isDeepStrictEqual(normalise(a), normalise(expected[i])));
        if (!same) {
          throw new DeciderAssertionError(
            `${scene}\nthen: expected ${expected.length} event(s), decide returned ${actual.length}:\n${eventsDiff(expected, actual)}`,
          );
        }
      };

      const api: Then<Event, State> = {
        get events() {
          return decided('events');
        },
        get state() {
          return after('a state');
        },
        then(first, ...rest) {
          assertEvents([first, ...rest]);
          return api;
        },
        thenNothingHappened() {
          assertEvents([]);
          return api;
        },
        thenThrows(codeOrErrorClass: string | ErrorClass) {
          const wanted =
            typeof codeOrErrorClass === 'string'
              ? `an error with code "${codeOrErrorClass}"`
              : `a ${codeOrErrorClass.name}`;
          if (outcome.ok) {
            throw new DeciderAssertionError(
              `${scene}\nexpected decide to throw ${wanted}, but it returned ${show(outcome.events.map(normalise))}`,
            );
          }
          const error = outcome.error;
          if (!matchesRefusal(error, codeOrErrorClass)) {
            throw new DeciderAssertionError(
              `${scene}\nexpected ${wanted}, but decide threw ${describeError(error)}`,
            );
          }
          if (error instanceof LocalizedError && (!error.text.es?.trim() || !error.text.en?.trim())) {
            throw new DeciderAssertionError(
              `${scene}\nthe refusal ${describeError(error)} must say why in Spanish and in English, got ${show(error.text)}`,
            );
          }
          return error as never;
        },
        thenState(expected) {
          assertState(scene, expected, after('a state'));
          return api;
        },
      };
      return api;
    },
  };
}
