import { LocalizedError } from '@crm/kernel';
import type { Decider } from '../decider';

/** A toy decider for the toolkit's own tests and docs: a counter that refuses to pass a limit. */
export type CounterCommand = { type: 'Increment'; by: number } | { type: 'Reset' };
export type CounterEvent =
  | { type: 'Incremented'; data: { by: number; at: string }; schemaVersion?: number }
  | { type: 'LimitReached'; data: { limit: number }; schemaVersion?: number }
  | { type: 'CounterReset'; data: { from: number }; schemaVersion?: number };
export interface CounterState {
  value: number;
  full: boolean;
}

export const COUNTER_LIMIT = 10;

export class CounterError extends LocalizedError {}

export const counterDecider: Decider<CounterCommand, CounterEvent, CounterState> = {
  initialState: () => ({ value: 0, full: false }),
  decide(command, state, { now }) {
    switch (command.type) {
      case 'Increment': {
        if (!Number.isSafeInteger(command.by) || command.by <= 0) {
          throw new CounterError('counter.invalid_amount', {
            es: 'El incremento debe ser un entero positivo.',
            en: 'The increment must be a positive integer.',
          });
        }
        if (state.value + command.by > COUNTER_LIMIT) {
          throw new CounterError('counter.over_limit', {
            es: `El contador no puede superar ${COUNTER_LIMIT}.`,
            en: `The counter cannot go over ${COUNTER_LIMIT}.`,
          });
        }
        const events: CounterEvent[] = [
          { type: 'Incremented', data: { by: command.by, at: now.toISOString() } },
        ];
        if (state.value + command.by === COUNTER_LIMIT)
          events.push({ type: 'LimitReached', data: { limit: COUNTER_LIMIT } });
        return events;
      }
      case 'Reset':
        return state.value === 0 ? [] : [{ type: 'CounterReset', data: { from: state.value } }];
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'Incremented':
        return { ...state, value: state.value + event.data.by };
      case 'LimitReached':
        return { ...state, full: true };
      case 'CounterReset':
        return { value: 0, full: false };
    }
  },
};
