import { given } from '@crm/decider';
import { ConflictError } from '@crm/kernel';
import type { ReportCommand } from './commands';
import { reportDecider } from './decider';
import type { ReportEvent } from './events';
import { CATALOGUE, commands, ctx, history, KEY, SECRETARIAT_ACTOR } from './test-support';

const ON_TIME = '2020-07-15T12:00:00.000Z';

/** How to reach each workflow state (a reopened report is a draft with changedAfterApproval). */
const STATES = {
  none: [],
  draft: [[commands.draft(), ctx('2020-07-10T10:00:00.000Z')]],
  submitted: [
    [commands.draft(), ctx('2020-07-10T10:00:00.000Z')],
    [commands.submit(), ctx('2020-07-11T10:00:00.000Z')],
  ],
  approved: [
    [commands.draft(), ctx('2020-07-10T10:00:00.000Z')],
    [commands.submit(), ctx('2020-07-11T10:00:00.000Z')],
    [commands.approve(), ctx('2020-07-12T10:00:00.000Z', SECRETARIAT_ACTOR)],
  ],
  returned: [
    [commands.draft(), ctx('2020-07-10T10:00:00.000Z')],
    [commands.submit(), ctx('2020-07-11T10:00:00.000Z')],
    [commands.return(), ctx('2020-07-12T10:00:00.000Z', SECRETARIAT_ACTOR)],
  ],
  reopened: [
    [commands.draft(), ctx('2020-07-10T10:00:00.000Z')],
    [commands.submit(), ctx('2020-07-11T10:00:00.000Z')],
    [commands.approve(), ctx('2020-07-12T10:00:00.000Z', SECRETARIAT_ACTOR)],
    [commands.reopen(), ctx('2020-07-13T10:00:00.000Z', SECRETARIAT_ACTOR)],
  ],
} satisfies Record<string, Array<[ReportCommand, ReturnType<typeof ctx>]>>;
type StateName = keyof typeof STATES;

/** The commands tried from every state ("draft" uses new content so it is never a no-op). */
const COMMANDS = {
  SaveDraft: () =>
    commands.draft({ status: 'completed', narrative: { es: 'Plataforma creada.', en: 'Platform created.' } }),
  SubmitReport: () => commands.submit(),
  ApproveReport: () => commands.approve(),
  ReturnReport: () => commands.return(),
  ReopenReport: () => commands.reopen(),
};
type CommandName = keyof typeof COMMANDS;

const X = 'plan.report.invalid_transition';
/** The full matrix, written out by hand: (state, command) -> event type or error code. */
const MATRIX: Record<StateName, Record<CommandName, string>> = {
  none: { SaveDraft: 'ReportDrafted', SubmitReport: X, ApproveReport: X, ReturnReport: X, ReopenReport: X },
  draft: {
    SaveDraft: 'ReportDrafted',
    SubmitReport: 'ReportSubmitted',
    ApproveReport: X,
    ReturnReport: X,
    ReopenReport: X,
  },
  submitted: {
    SaveDraft: X,
    SubmitReport: X,
    ApproveReport: 'ReportApproved',
    ReturnReport: 'ReportReturned',
    ReopenReport: X,
  },
  approved: {
    SaveDraft: X,
    SubmitReport: X,
    ApproveReport: X,
    ReturnReport: X,
    ReopenReport: 'ReportReopened',
  },
  returned: {
    SaveDraft: 'ReportDrafted',
    SubmitReport: 'ReportSubmitted',
    ApproveReport: X,
    ReturnReport: X,
    ReopenReport: X,
  },
  reopened: {
    SaveDraft: 'ReportDrafted',
    SubmitReport: 'ReportSubmitted',
    ApproveReport: X,
    ReturnReport: X,
    ReopenReport: X,
  },
};
/** The workflow state after each accepted event. */
const NEXT_STATE: Record<string, string> = {
  ReportDrafted: 'draft',
  ReportSubmitted: 'submitted',
  ReportApproved: 'approved',
  ReportReturned: 'returned',
  ReportReopened: 'draft',
};
const STATE_LABEL: Record<string, { es: string; en: string }> = {
  none: { es: 'sin informe', en: 'no report' },
  draft: { es: 'borrador', en: 'draft' },
  submitted: { es: 'enviado', en: 'submitted' },
  approved: { es: 'aprobado', en: 'approved' },
  returned: { es: 'devuelto', en: 'returned' },
  reopened: { es: 'reabierto', en: 'reopened' },
};

const cases = (Object.keys(MATRIX) as StateName[]).flatMap((state) =>
  (Object.keys(COMMANDS) as CommandName[]).map(
    (command) => [state, command, MATRIX[state][command]] as const,
  ),
);

describe('report workflow: the full (state, command) matrix', () => {
  it('covers 6 states x 5 commands', () => {
    expect(cases).toHaveLength(30);
    expect(cases.filter(([, , expected]) => expected !== X)).toHaveLength(10);
  });

  it.each(cases)('given a %s report, when %s, then %s', (state, command, expected) => {
    const scenario = given(reportDecider, ...history(reportDecider, STATES[state]));
    const actor =
      command === 'ApproveReport' || command === 'ReturnReport' || command === 'ReopenReport'
        ? SECRETARIAT_ACTOR
        : undefined;
    const when = scenario.when(COMMANDS[command](), ctx(ON_TIME, actor));
    if (expected === X) {
      const error = when.thenThrows(ConflictError);
      expect(error.code).toBe(X);
      expect(error.kind).toBe('conflict');
      expect(error.details).toMatchObject({ current: scenario.state.workflow, attempted: command });
      expect(error.text.es).toContain(STATE_LABEL[state]?.es);
      expect(error.text.en).toContain(STATE_LABEL[state]?.en);
      expect(error.text.es).not.toEqual(error.text.en);
    } else {
      expect(when.events.map((e) => e.type)).toEqual([expected]);
      expect(when.state.workflow).toBe(NEXT_STATE[expected]);
      expect(when.events[0]?.data).toMatchObject(KEY);
    }
  });
});

describe('report workflow: accepted transitions in detail', () => {
  it('a first draft records the content, the catalogue version and who saved it', () => {
    const { state } = given(reportDecider)
      .when(commands.draft(), ctx('2020-03-01T00:00:00.000Z'))
      .then({
        type: 'ReportDrafted',
        data: {
          ...KEY,
          catalogueVersion: CATALOGUE.version,
          content: {
            status: 'in_progress',
            narrative: { es: 'Se avanzó en la plataforma.' },
            evidence: ['https://example.org/acta.pdf'],
            indicators: [{ indicator: 'talleres', value: 2 }],
          },
          savedAt: '2020-03-01T00:00:00.000Z',
          savedBy: 'officer-hn',
        },
      });
    expect(state).toMatchObject({
      workflow: 'draft',
      key: KEY,
      catalogueVersion: 'v1',
      changedAfterApproval: false,
      versions: [],
    });
  });

  it('saving the very same draft again records nothing', () => {
    given(reportDecider, ...history(reportDecider, STATES.draft))
      .when(commands.draft(), ctx(ON_TIME))
      .thenNothingHappened();
  });

  it('a returned report keeps the comments and can be corrected and submitted again', () => {
    const events = history(reportDecider, [
      ...STATES.returned,
      [
        commands.draft({ evidence: ['https://example.org/acta.pdf', 'https://example.org/fotos'] }),
        ctx('2020-07-20T00:00:00.000Z'),
      ],
      [commands.submit(), ctx('2020-07-21T00:00:00.000Z')],
    ]);
    const approved = given(reportDecider, ...events).when(
      commands.approve(),
      ctx('2020-07-22T00:00:00.000Z', SECRETARIAT_ACTOR),
    );
    expect(approved.events.map((e) => e.type)).toEqual(['ReportApproved']);
    expect(approved.state.workflow).toBe('approved');
    expect(approved.state.returnComments).toEqual({ es: 'Falta evidencia del taller.' });
    expect(approved.state.versions).toHaveLength(1);
    expect(approved.state.versions[0]?.content.evidence).toHaveLength(2);
  });

  it('a returned report can also be submitted again unchanged', () => {
    const submitted = given(reportDecider, ...history(reportDecider, STATES.returned)).when(
      commands.submit(),
      ctx('2020-07-20T00:00:00.000Z'),
    );
    expect(submitted.events.map((e) => e.type)).toEqual(['ReportSubmitted']);
    expect(submitted.state.submission?.submittedAt).toBe('2020-07-20T00:00:00.000Z');
    expect(submitted.state.firstSubmittedAt).toBe('2020-07-11T10:00:00.000Z');
  });
});

describe('reopening an approved report', () => {
  const reopened = history(reportDecider, STATES.reopened);

  it('marks the report changed after approval and records the approved version in the event', () => {
    const event = reopened[reopened.length - 1] as Extract<ReportEvent, { type: 'ReportReopened' }>;
    expect(event.type).toBe('ReportReopened');
    expect(event.data.reason).toEqual({ en: 'Figures corrected by the ministry.' });
    expect(event.data.previousApproved).toMatchObject({
      version: 1,
      approvedAt: '2020-07-12T10:00:00.000Z',
      approvedBy: 'st-reviewer',
      submittedAt: '2020-07-11T10:00:00.000Z',
      content: { status: 'in_progress' },
    });
    const state = given(reportDecider, ...reopened).state;
    expect(state).toMatchObject({
      workflow: 'draft',
      changedAfterApproval: true,
      reopenReason: { en: 'Figures corrected by the ministry.' },
    });
    expect(state.content?.status).toBe('in_progress');
  });

  it('keeps both versions after the corrected report is approved again', () => {
    const events = history(reportDecider, [
      ...STATES.reopened,
      [
        commands.draft({ status: 'completed', indicators: [{ indicator: 'talleres', value: 3 }] }),
        ctx('2020-09-01T00:00:00.000Z'),
      ],
      [commands.submit(), ctx('2020-09-02T00:00:00.000Z')],
      [commands.approve(), ctx('2020-09-03T00:00:00.000Z', SECRETARIAT_ACTOR)],
    ]);
    const state = given(reportDecider, ...events).state;
    expect(state.workflow).toBe('approved');
    expect(state.changedAfterApproval).toBe(true);
    expect(
      state.versions.map((v) => [v.version, v.content.status, v.content.indicators[0]?.value, v.late]),
    ).toEqual([
      [1, 'in_progress', 2, false],
      [2, 'completed', 3, true],
    ]);
    expect(state.late).toBe(false); // judged on the first submission
    expect(state.submission?.late).toBe(true); // the re-submission after the window closed
  });

  it('an approved report is locked: no draft, no submission, no second approval', () => {
    const approved = given(reportDecider, ...history(reportDecider, STATES.approved));
    for (const command of [
      commands.draft({ status: 'completed' }),
      commands.submit(),
      commands.approve(),
      commands.return(),
    ]) {
      approved.when(command, ctx(ON_TIME, SECRETARIAT_ACTOR)).thenThrows('plan.report.invalid_transition');
    }
  });

  it('a report reopened twice keeps numbering its versions', () => {
    const events = history(reportDecider, [
      ...STATES.reopened,
      [commands.submit(), ctx('2020-07-14T00:00:00.000Z')],
      [commands.approve(), ctx('2020-07-15T00:00:00.000Z', SECRETARIAT_ACTOR)],
      [commands.reopen(), ctx('2020-07-16T00:00:00.000Z', SECRETARIAT_ACTOR)],
    ]);
    const last = events[events.length - 1] as Extract<ReportEvent, { type: 'ReportReopened' }>;
    expect(last.data.previousApproved.version).toBe(2);
    expect(given(reportDecider, ...events).state.versions.map((v) => v.version)).toEqual([1, 2]);
  });
});

describe('the invalid-transition message', () => {
  it('names the current state and the attempted action in Spanish and English', () => {
    const error = given(reportDecider, ...history(reportDecider, STATES.draft))
      .when(commands.approve(), ctx(ON_TIME, SECRETARIAT_ACTOR))
      .thenThrows(X);
    expect(error.text).toEqual({
      es: 'No se puede aprobar un informe en estado «borrador». Acciones posibles en este estado: guardar borrador, enviar.',
      en: 'Cannot approve a report in state "draft". Actions possible in this state: save draft, submit.',
    });
    expect(error.message).toBe(error.text.en);
  });

  it('says when a draft was reopened after approval', () => {
    const error = given(reportDecider, ...history(reportDecider, STATES.reopened))
      .when(commands.reopen(), ctx(ON_TIME, SECRETARIAT_ACTOR))
      .thenThrows(X);
    expect(error.text.es).toContain('reabierto tras su aprobación');
    expect(error.text.en).toContain('reopened after approval');
  });
});
