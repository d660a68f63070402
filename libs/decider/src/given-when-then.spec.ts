import { LocalizedError } from '@crm/kernel';
import { DeciderAssertionError, given } from './given-when-then';
import { COUNTER_LIMIT, CounterError, counterDecider, type CounterEvent } from './sample/counter-decider';

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

  it('then() with no events asserts a no-op decision', () => {
    given(counterDecider).when({ type: 'Reset' }).then();
    const e = failureOf(() => given(counterDecider, incremented(1)).when({ type: 'Reset' }).then());
    expect(e.message).toContain('expected 0 event(s), decide returned 1');
    expect(e.message).toContain('CounterReset');
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

  it('thenThrows by code or by error class', () => {
    given(counterDecider).when({ type: 'Increment', by: 0 }).thenThrows('counter.invalid_amount');
    given(counterDecider, incremented(COUNTER_LIMIT))
      .when({ type: 'Increment', by: 1 })
      .thenThrows(CounterError);
    given(counterDecider).when({ type: 'Increment', by: -1 }).thenThrows(LocalizedError);
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
