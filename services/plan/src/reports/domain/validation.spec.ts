import { given } from '@crm/decider';
import { ValidationError } from '@crm/kernel';
import type { ReportCommand } from './commands';
import { reportDecider } from './decider';
import { commands, ctx, history, KEY, SECRETARIAT_ACTOR } from './test-support';

const NOW = '2020-07-15T00:00:00.000Z';
const base = commands.draft() as Extract<ReportCommand, { type: 'SaveDraft' }>;
const withContent = (content: Record<string, unknown>): ReportCommand => ({
  ...base,
  content: { ...base.content, ...content } as never,
});
const links = (n: number) => Array.from({ length: n }, (_, i) => `https://example.org/evidence/${i}`);

const BAD_COMMANDS: Array<[string, ReportCommand, string]> = [
  [
    'an http:// evidence link',
    withContent({ evidence: ['http://example.org/acta.pdf'] }),
    'plan.report.invalid_evidence_link',
  ],
  [
    'a javascript: evidence link',
    withContent({ evidence: ['javascript:alert(1)'] }),
    'plan.report.invalid_evidence_link',
  ],
  [
    'an evidence link with credentials',
    withContent({ evidence: ['https://user:secret@example.org/x'] }),
    'plan.report.invalid_evidence_link',
  ],
  [
    'an evidence link that is not a URL',
    withContent({ evidence: ['acta final.pdf'] }),
    'plan.report.invalid_evidence_link',
  ],
  ['21 evidence links', withContent({ evidence: links(21) }), 'plan.report.too_many_evidence_links'],
  [
    'a repeated evidence link',
    withContent({ evidence: ['https://example.org/a', 'https://example.org/a'] }),
    'plan.report.duplicate_evidence_link',
  ],
  ['a blank narrative', withContent({ narrative: { es: '   ', en: '' } }), 'plan.report.narrative_required'],
  ['no narrative', withContent({ narrative: undefined }), 'plan.report.narrative_required'],
  [
    'a narrative in an unknown language',
    withContent({ narrative: { fr: 'Rapport' } }),
    'plan.report.narrative_required',
  ],
  [
    'a narrative of 10 001 characters',
    withContent({ narrative: { es: 'a'.repeat(10_001) } }),
    'plan.report.narrative_required',
  ],
  ['an unknown status', withContent({ status: 'done' }), 'plan.report.invalid_status'],
  [
    'an indicator value that is not a number',
    withContent({ indicators: [{ indicator: 'talleres', value: '2' }] }),
    'plan.report.invalid_indicator_value',
  ],
  [
    'an infinite indicator value',
    withContent({ indicators: [{ indicator: 'talleres', value: Infinity }] }),
    'plan.report.invalid_indicator_value',
  ],
  [
    'an indicator without a name',
    withContent({ indicators: [{ indicator: ' ', value: 1 }] }),
    'plan.report.invalid_indicator_value',
  ],
  [
    'a repeated indicator',
    withContent({
      indicators: [
        { indicator: 'a', value: 1 },
        { indicator: 'a', value: 2 },
      ],
    }),
    'plan.report.duplicate_indicator',
  ],
  ['a three-digit year', { ...base, period: '999-S1' as never }, 'plan.report.invalid_period'],
  ['a third semester', { ...base, period: '2020-S3' as never }, 'plan.report.invalid_period'],
  ['a period without the dash', { ...base, period: '2020S1' as never }, 'plan.report.invalid_period'],
  ['a non-member country', { ...base, country: 'AR' as never }, 'plan.report.invalid_country'],
  [
    'the Secretariat as the reporting country',
    { ...base, country: 'ST' as never },
    'plan.report.invalid_country',
  ],
  ['an activity id with a dash', { ...base, activityId: 'IV-1' }, 'plan.report.invalid_activity_id'],
  ['an activity not in the catalogue', { ...base, activityId: 'IX.9.9.9' }, 'plan.report.unknown_activity'],
  [
    'no catalogue version',
    { ...base, catalogue: { version: '', activityExists: () => true } },
    'plan.report.catalogue_required',
  ],
  [
    'a window of another period',
    commands.submit({
      period: '2020-S2',
      opensAt: '2021-01-01T00:00:00.000Z',
      closesAt: '2021-02-01T00:00:00.000Z',
    }),
    'plan.report.window_period_mismatch',
  ],
  [
    'a window that closes before it opens',
    commands.submit({
      period: '2020-S1',
      opensAt: '2020-08-01T00:00:00.000Z',
      closesAt: '2020-07-01T00:00:00.000Z',
    }),
    'plan.window.closes_before_opening',
  ],
  [
    'a window with a malformed date',
    commands.submit({ period: '2020-S1', opensAt: '1 July 2020', closesAt: '2020-08-01T00:00:00.000Z' }),
    'plan.window.invalid_instant',
  ],
  [
    'a return without comments',
    { type: 'ReturnReport', ...KEY, comments: { es: ' ' } },
    'plan.report.comments_required',
  ],
  [
    'a return with comments that are not text',
    { type: 'ReturnReport', ...KEY, comments: 'falta' as never },
    'plan.report.comments_required',
  ],
  ['a reopen without a reason', { type: 'ReopenReport', ...KEY, reason: {} }, 'plan.report.reason_required'],
  ['an unknown command', { type: 'DeleteReport', ...KEY } as never, 'plan.report.unknown_command'],
];

describe('report validation: bad input is refused with 422 and es/en text, nothing is recorded', () => {
  // Every bad command is tried against a state where the same command with good input would be accepted.
  const stateFor = (command: ReportCommand) =>
    command.type === 'SaveDraft'
      ? []
      : command.type === 'ReopenReport'
        ? history(reportDecider, [
            [commands.draft(), ctx('2020-07-01T00:00:00.000Z')],
            [commands.submit(), ctx('2020-07-02T00:00:00.000Z')],
            [commands.approve(), ctx('2020-07-03T00:00:00.000Z', SECRETARIAT_ACTOR)],
          ])
        : command.type === 'ReturnReport'
          ? history(reportDecider, [
              [commands.draft(), ctx('2020-07-01T00:00:00.000Z')],
              [commands.submit(), ctx('2020-07-02T00:00:00.000Z')],
            ])
          : history(reportDecider, [[commands.draft(), ctx('2020-07-01T00:00:00.000Z')]]);

  it.each(BAD_COMMANDS)('refuses %s', (_label, command, code) => {
    const error = given(reportDecider, ...stateFor(command))
      .when(command, ctx(NOW, SECRETARIAT_ACTOR))
      .thenThrows(ValidationError);
    expect(error.code).toBe(code);
    expect(error.kind).toBe('validation');
    expect(error.text.es.length).toBeGreaterThan(10);
    expect(error.text.en.length).toBeGreaterThan(10);
    expect(error.text.es).not.toEqual(error.text.en);
  });

  it('accepts the good versions of the same commands (so the refusals above are about the input)', () => {
    const good: ReportCommand[] = [
      withContent({
        evidence: links(20),
        narrative: { en: 'a'.repeat(10_000) },
        indicators: [{ indicator: 'a', value: -1.5, unit: '%' }],
      }),
      { ...base, period: '2022-S2' },
      { ...base, period: '2017-S1', country: 'US' },
    ];
    for (const command of good)
      expect(
        given(reportDecider)
          .when(command, ctx(NOW))
          .events.map((e) => e.type),
      ).toEqual(['ReportDrafted']);
  });

  it('normalises the content: trims text, drops blank languages and empty units', () => {
    const [event] = given(reportDecider).when(
      withContent({
        narrative: { es: '  Avance  ', en: ' ' },
        evidence: [' https://example.org/a '],
        indicators: [{ indicator: ' b ', value: 1, unit: ' ' }],
      }),
      ctx(NOW),
    ).events;
    expect(event?.type === 'ReportDrafted' && event.data.content).toEqual({
      status: 'in_progress',
      narrative: { es: 'Avance' },
      evidence: ['https://example.org/a'],
      indicators: [{ indicator: 'b', value: 1 }],
    });
  });
});

describe('a command for another report than the stream is refused', () => {
  const hondurasDraft = history(reportDecider, [[commands.draft(), ctx('2020-07-01T00:00:00.000Z')]]);

  it('refuses a command whose country differs from the stream country', () => {
    const error = given(reportDecider, ...hondurasDraft)
      .when(commands.submit(undefined, { ...KEY, country: 'GT' }), ctx(NOW))
      .thenThrows('plan.report.country_mismatch');
    expect(error.text.es).toContain('GT');
    expect(error.text.en).toContain('HN');
  });

  it('refuses a command for another activity or period of the same country', () => {
    given(reportDecider, ...hondurasDraft)
      .when(commands.draft({}, { ...KEY, activityId: 'IV.1.1.2' }), ctx(NOW))
      .thenThrows('plan.report.report_mismatch');
    given(reportDecider, ...hondurasDraft)
      .when(commands.approve({ ...KEY, period: '2020-S2' }), ctx(NOW))
      .thenThrows('plan.report.report_mismatch');
  });
});
