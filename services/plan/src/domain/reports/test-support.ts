/**
 * Test helpers for the report decider (used by the *.spec.ts files of the plan domain only).
 * A local given/when/then: `libs/decider` had no shared helper when these tests were written.
 */
import type { Decider, DecisionContext, DomainEvent } from '@crm/decider';
import { LocalizedError } from '@crm/kernel';
import type { CatalogueView, ReportCommand } from './commands';
import type { ReportKey } from './stream';

export const KEY: ReportKey = { country: 'HN', activityId: 'IV.1.1.1', period: '2020-S1' };

export const CATALOGUE: CatalogueView = { version: 'v1', activityExists: (id) => ['IV.1.1.1', 'IV.1.1.2', 'V.1.1.1', 'VII.1.1.1'].includes(id) };

export function officer(country = 'HN'): DecisionContext['actor'] {
  return { subject: `officer-${country.toLowerCase()}`, role: 'country_official', country, institution: 'DINAF' };
}
export const SECRETARIAT_ACTOR: DecisionContext['actor'] = { subject: 'st-reviewer', role: 'secretariat_reviewer', country: 'ST', institution: 'ST-CRM' };

export function ctx(now: string, actor: DecisionContext['actor'] = officer()): DecisionContext {
  return { now: new Date(now), actor };
}

export const commands = {
  draft: (over: Partial<Extract<ReportCommand, { type: 'SaveDraft' }>['content']> = {}, key: ReportKey = KEY): ReportCommand => ({
    type: 'SaveDraft',
    ...key,
    catalogue: CATALOGUE,
    content: { status: 'in_progress', narrative: { es: 'Se avanzó en la plataforma.' }, evidence: ['https://example.org/acta.pdf'], indicators: [{ indicator: 'talleres', value: 2 }], ...over },
  }),
  submit: (window = { period: KEY.period, opensAt: '2020-07-01T00:00:00.000Z', closesAt: '2020-08-01T00:00:00.000Z' }, key: ReportKey = KEY): ReportCommand => ({
    type: 'SubmitReport',
    ...key,
    window,
  }),
  approve: (key: ReportKey = KEY): ReportCommand => ({ type: 'ApproveReport', ...key }),
  return: (key: ReportKey = KEY): ReportCommand => ({ type: 'ReturnReport', ...key, comments: { es: 'Falta evidencia del taller.' } }),
  reopen: (key: ReportKey = KEY): ReportCommand => ({ type: 'ReopenReport', ...key, reason: { en: 'Figures corrected by the ministry.' } }),
};

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** given(events).when(command, context).then(expected) / .thenThrows(code). The state is frozen: decide must not mutate it. */
export function givenWhenThen<C, E extends DomainEvent, S>(decider: Decider<C, E, S>) {
  return {
    given(events: E[]) {
      const state = deepFreeze(events.reduce((s, e) => decider.evolve(s, e), decider.initialState()));
      return {
        state,
        when(command: C, context: DecisionContext) {
          const run = () => decider.decide(command, state, context);
          return {
            then(expected: (events: E[], next: S) => void) {
              const produced = run();
              expected(produced, produced.reduce((s, e) => decider.evolve(s, e), state));
            },
            thenThrows(code: string): LocalizedError {
              let caught: unknown;
              try {
                run();
              } catch (error) {
                caught = error;
              }
              if (!(caught instanceof LocalizedError)) throw new Error(`expected a LocalizedError ${code}, got ${String(caught)}`);
              if (caught.code !== code) throw new Error(`expected error ${code}, got ${caught.code}: ${caught.message}`);
              return caught;
            },
          };
        },
      };
    },
  };
}

/** Runs commands one after another, each at its own instant, and returns every event produced. */
export function history<C, E extends DomainEvent, S>(decider: Decider<C, E, S>, steps: Array<[C, DecisionContext]>): E[] {
  let state = decider.initialState();
  const all: E[] = [];
  for (const [command, context] of steps) {
    const events = decider.decide(command, state, context);
    for (const e of events) state = decider.evolve(state, e);
    all.push(...events);
  }
  return all;
}
