/** Test helpers for the report and window deciders (used by the *.spec.ts files of the plan domain only). */
import { isDeepStrictEqual } from 'node:util';
import { fold, given, type Decider, type DecisionContext, type DomainEvent } from '@crm/decider';
import { LocalizedError } from '@crm/kernel';
import type { CatalogueView, ReportCommand } from './commands';
import type { ReportKey } from './stream';

export const KEY: ReportKey = { country: 'HN', activityId: 'IV.1.1.1', period: '2020-S1' };

export const CATALOGUE: CatalogueView = {
  version: 'v1',
  activityExists: (id) => ['IV.1.1.1', 'IV.1.1.2', 'V.1.1.1', 'VII.1.1.1'].includes(id),
};

export function officer(country = 'HN'): DecisionContext['actor'] {
  return {
    subject: `officer-${country.toLowerCase()}`,
    role: 'country_official',
    country,
    institution: 'DINAF',
  };
}
export const SECRETARIAT_ACTOR: DecisionContext['actor'] = {
  subject: 'st-reviewer',
  role: 'secretariat_reviewer',
  country: 'ST',
  institution: 'ST-CRM',
};

export function ctx(now: string, actor: DecisionContext['actor'] = officer()): DecisionContext {
  return { now: new Date(now), actor };
}

export const commands = {
  draft: (
    over: Partial<Extract<ReportCommand, { type: 'SaveDraft' }>['content']> = {},
    key: ReportKey = KEY,
  ): ReportCommand => ({
    type: 'SaveDraft',
    ...key,
    catalogue: CATALOGUE,
    content: {
      status: 'in_progress',
      narrative: { es: 'Se avanzó en la plataforma.' },
      evidence: ['https://example.org/acta.pdf'],
      indicators: [{ indicator: 'talleres', value: 2 }],
      ...over,
    },
  }),
  submit: (
    window = {
      period: KEY.period,
      opensAt: '2020-07-01T00:00:00.000Z',
      closesAt: '2020-08-01T00:00:00.000Z',
    },
    key: ReportKey = KEY,
  ): ReportCommand => ({
    type: 'SubmitReport',
    ...key,
    window,
  }),
  approve: (key: ReportKey = KEY): ReportCommand => ({ type: 'ApproveReport', ...key }),
  return: (key: ReportKey = KEY): ReportCommand => ({
    type: 'ReturnReport',
    ...key,
    comments: { es: 'Falta evidencia del taller.' },
  }),
  reopen: (key: ReportKey = KEY): ReportCommand => ({
    type: 'ReopenReport',
    ...key,
    reason: { en: 'Figures corrected by the ministry.' },
  }),
};

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/**
 * given(events).when(command, context).then((events, next) => ...) / .thenThrows(code) -> the error.
 * Built on the shared `given` of `@crm/decider` (which makes the assertions); on top of it, decide is also
 * run on a deep-frozen state, so a decide that mutates its state fails, and the refusal is returned for
 * checks of its status and es/en text.
 */
export function givenWhenThen<C, E extends DomainEvent, S>(decider: Decider<C, E, S>) {
  return {
    given(history: E[]) {
      const state = deepFreeze(fold(decider, history));
      return {
        state,
        when(command: C, context: DecisionContext) {
          const shared = given(decider, ...history).when(command, context);
          return {
            then(expected: (events: E[], next: S) => void) {
              const produced = shared.events;
              const onFrozen = decider.decide(command, state, context);
              if (!isDeepStrictEqual(onFrozen, produced)) throw new Error('decide is not deterministic');
              expected(
                produced,
                produced.reduce((s, e) => decider.evolve(s, e), state),
              );
            },
            thenThrows(code: string): LocalizedError {
              shared.thenThrows(code);
              try {
                decider.decide(command, state, context);
              } catch (error) {
                if (error instanceof LocalizedError) return error;
                throw error;
              }
              throw new Error(`decide did not throw ${code} on the frozen state`);
            },
          };
        },
      };
    },
  };
}

/** Runs commands one after another, each at its own instant, and returns every event produced. */
export function history<C, E extends DomainEvent, S>(
  decider: Decider<C, E, S>,
  steps: Array<[C, DecisionContext]>,
): E[] {
  let state = decider.initialState();
  const all: E[] = [];
  for (const [command, context] of steps) {
    const events = decider.decide(command, state, context);
    for (const e of events) state = decider.evolve(state, e);
    all.push(...events);
  }
  return all;
}
