import { ConflictError, LocalizedError } from '@crm/kernel';
import type { Decider } from './decider';
import { DeciderAssertionError, deepFreeze, given } from './given-when-then';
import {
  COUNTER_LIMIT,
  CounterError,
  counterDecider,
  type CounterCommand,
  type CounterEvent,
  type CounterState,
} from './sample/counter-decider';

const at = '2020-06-30T12:00:00.000Z';
const incremented = (by: number): CounterEvent => ({ type: 'Incremented', data: { by, at } });

function failureOf(assertion: () => unknown): DeciderAssertionError {
  try {
    assertion();
  } catch (e) {
    if (e instanceof DeciderAssertionError) return e;
    throw e;
  }
  throw new Error('expected the assertion to fail, it passed');
}

describe('given/when/then', () => {
  it('given history, when a command, then exactly the decided events (schemaVersion defaults to 1)', () => {
    given(counterDecider, incremented(2))
      .when({ type: 'Increment', by: 3 })
      .then({ type: 'Incremented', data: { by: 3, at }, schemaVersion: 1 });
  });

  it('passes the context to decide: the clock is the context’s, not the system’s', () => {
    given(counterDecider)
      .when({ type: 'Increment', by: 1 }, { now: new Date('2021-01-01T00:00:00.000Z') })
      .then({ type: 'Incremented', data: { by: 1, at: '2021-01-01T00:00:00.000Z' } });
  });

  it('thenNothingHappened asserts a no-op decision', () => {
    given(counterDecider).when({ type: 'Reset' }).thenNothingHappened();
    const e = failureOf(() =>
      given(counterDecider, incremented(1)).when({ type: 'Reset' }).thenNothingHappened(),
    );
    expect(e.message).toContain('expected 0 event(s), decide returned 1');
    expect(e.message).toContain('CounterReset');
    const refused = failureOf(() =>
      given(counterDecider).when({ type: 'Increment', by: 0 }).thenNothingHappened(),
    );
    expect(refused.message).toContain('expected no events, but decide threw CounterError');
  });

  it('reports which event differs, with the given history and the command', () => {
    const e = failureOf(() =>
      given(counterDecider, incremented(4), incremented(5))
        .when({ type: 'Increment', by: 1 })
        .then(incremented(1), { type: 'LimitReached', data: { limit: 99 } }),
    );
    expect(e.message).toContain('given Incremented, Incremented');
    expect(e.message).toContain("when { by: 1, type: 'Increment' }");
    expect(e.message).toMatch(/\[0\] ok/);
    expect(e.message).toMatch(/\[1\] expected .*limit: 99/);
    expect(e.message).toMatch(/actual .*limit: 10/);
  });

  it('reports a missing or an extra event', () => {
    const missing = failureOf(() =>
      given(counterDecider).when({ type: 'Increment', by: 1 }).then(incremented(1), incremented(1)),
    );
    expect(missing.message).toContain('(nothing)');
    const extra = failureOf(() =>
      given(counterDecider, incremented(9)).when({ type: 'Increment', by: 1 }).then(incremented(1)),
    );
    expect(extra.message).toContain('decide returned 2');
  });

  it('thenThrows by code or by error class, and returns the error for further checks', () => {
    const byCode = given(counterDecider)
      .when({ type: 'Increment', by: 0 })
      .thenThrows('counter.invalid_amount');
    expect(byCode.text.es).toBe('El incremento debe ser un entero positivo.');
    const byClass: CounterError = given(counterDecider, incremented(COUNTER_LIMIT))
      .when({ type: 'Increment', by: 1 })
      .thenThrows(CounterError);
    expect(byClass.code).toBe('counter.over_limit');
    given(counterDecider).when({ type: 'Increment', by: -1 }).thenThrows(LocalizedError);
  });

  it('thenThrows by code wants a LocalizedError that says why in Spanish and in English', () => {
    const refusing = (error: Error): Decider<CounterCommand, CounterEvent, CounterState> => ({
      ...counterDecider,
      decide: () => {
        throw error;
      },
    });
    const plain = Object.assign(new Error('nope'), { code: 'counter.nope' });
    expect(
      failureOf(() => given(refusing(plain)).when({ type: 'Reset' }).thenThrows('counter.nope')).message,
    ).toContain('but decide threw Error [counter.nope]: nope');
    const englishOnly = new ConflictError('counter.nope', { es: ' ', en: 'No.' });
    expect(
      failureOf(() => given(refusing(englishOnly)).when({ type: 'Reset' }).thenThrows('counter.nope'))
        .message,
    ).toContain('must say why in Spanish and in English');
  });

  it('thenThrows fails when decide succeeded or threw something else, and says what happened', () => {
    const succeeded = failureOf(() =>
      given(counterDecider).when({ type: 'Increment', by: 1 }).thenThrows('counter.invalid_amount'),
    );
    expect(succeeded.message).toContain('but it returned');
    expect(succeeded.message).toContain('Incremented');
    const other = failureOf(() =>
      given(counterDecider).when({ type: 'Increment', by: 0 }).thenThrows('counter.over_limit'),
    );
    expect(other.message).toContain('code "counter.over_limit"');
    expect(other.message).toContain('CounterError [counter.invalid_amount]');
    const wrongClass = failureOf(() =>
      given(counterDecider).when({ type: 'Increment', by: 0 }).thenThrows(TypeError),
    );
    expect(wrongClass.message).toContain('a TypeError');
  });

  it('then() on a refused command shows the refusal', () => {
    const e = failureOf(() => given(counterDecider).when({ type: 'Increment', by: 0 }).then(incremented(0)));
    expect(e.message).toContain(
      'but decide threw CounterError [counter.invalid_amount]: The increment must be a positive integer.',
    );
  });

  it('state gives the folded state for custom checks, before and after the decision', () => {
    expect(given(counterDecider, incremented(3), incremented(4)).state).toEqual({ value: 7, full: false });
    const then = given(counterDecider, incremented(3)).when({ type: 'Increment', by: 7 });
    expect(then.state).toEqual({ value: 10, full: true });
    expect(then.events.map((e) => e.type)).toEqual(['Incremented', 'LimitReached']);
    expect(() => given(counterDecider).when({ type: 'Increment', by: 0 }).state).toThrow(
      DeciderAssertionError,
    );
  });

  it('deep-freezes the given events, their state and the command: a decide that changes them fails', () => {
    const history = [incremented(1)];
    const command: CounterCommand = { type: 'Increment', by: 1 };
    given(counterDecider, ...history)
      .when(command)
      .then(incremented(1));
    expect(Object.isFrozen(history[0].data)).toBe(true);
    expect(Object.isFrozen(command)).toBe(true);
    const mutating: Decider<CounterCommand, CounterEvent, CounterState> = {
      ...counterDecider,
      decide(c, state, context) {
        state.value += 1; // the bug the freeze catches
        return counterDecider.decide(c, state, context);
      },
    };
    const e = failureOf(() => given(mutating, incremented(1)).when(command));
    expect(e.message).toContain('decide is not deterministic');
    expect(e.message).toMatch(/first {3}threw TypeError/);
    expect(e.message).toContain('changed its frozen state or command');
  });

  it('decides twice and fails when the two outcomes differ (decide must be deterministic)', () => {
    let calls = 0;
    const flaky: Decider<CounterCommand, CounterEvent, CounterState> = {
      ...counterDecider,
      decide: (c, s, context) => counterDecider.decide({ ...c, by: ++calls } as CounterCommand, s, context),
    };
    const e = failureOf(() => given(flaky).when({ type: 'Increment', by: 1 }));
    expect(calls).toBe(2);
    expect(e.message).toContain('decide is not deterministic');
    expect(e.message).toMatch(/first {3}returned .*by: 1/);
    expect(e.message).toMatch(/second {2}returned .*by: 2/);
  });

  it('deepFreeze freezes nested objects and arrays in place and leaves functions alone', () => {
    const f = () => 1;
    const value = deepFreeze({ a: { b: [1, { c: 2 }] }, f });
    expect(Object.isFrozen(value.a.b[1])).toBe(true);
    expect(Object.isFrozen(f)).toBe(false);
  });

  it('thenState folds the history and the decided events', () => {
    given(counterDecider, incremented(3)).thenState({ value: 3, full: false });
    given(counterDecider, incremented(3))
      .when({ type: 'Increment', by: 7 })
      .then(incremented(7), { type: 'LimitReached', data: { limit: COUNTER_LIMIT } })
      .thenState({ value: 10, full: true });
    const e = failureOf(() =>
      given(counterDecider, incremented(3)).when({ type: 'Reset' }).thenState({ value: 3, full: false }),
    );
    expect(e.message).toMatch(/expected\n.*value: 3[\s\S]*but got\n.*value: 0/);
    expect(() => given(counterDecider, incremented(1)).thenState({ value: 2, full: false })).toThrow(
      DeciderAssertionError,
    );
  });
});
