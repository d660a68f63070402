/**
 * Fixtures for the report and window decider specs (the plan domain's *.spec.ts files only): a report key, a
 * catalogue view, actors, contexts, command builders and `history` (run commands in a row). The assertions
 * are the shared given/when/then of `@crm/decider`.
 */
import type { Decider, DecisionContext, DomainEvent } from '@crm/decider';
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
