import { given } from '@crm/decider';
import { reportDecider } from './decider';
import { commands, ctx, history, KEY } from './test-support';

const WINDOW = {
  period: KEY.period,
  opensAt: '2020-07-01T00:00:00.000Z',
  closesAt: '2020-08-01T00:00:00.000Z',
};
const drafted = history(reportDecider, [[commands.draft(), ctx('2020-06-20T00:00:00.000Z')]]);

describe('submitting against the reporting window', () => {
  it('drafting is allowed before the window opens', () => {
    expect(drafted.map((e) => e.type)).toEqual(['ReportDrafted']);
  });

  it('refuses a submission one millisecond before the window opens (409, nothing recorded)', () => {
    const error = given(reportDecider, ...drafted)
      .when(commands.submit(WINDOW), ctx('2020-06-30T23:59:59.999Z'))
      .thenThrows('plan.report.window_not_open');
    expect((error as unknown as { kind: string }).kind).toBe('conflict');
    expect(error.text.es).toContain('2020-07-01T00:00:00.000Z');
    expect(error.text.en).toContain('has not opened yet');
  });

  it.each([
    ['exactly when the window opens', '2020-07-01T00:00:00.000Z', false],
    ['in the middle of the window', '2020-07-15T09:30:00.000Z', false],
    ['one millisecond before the window closes', '2020-07-31T23:59:59.999Z', false],
    ['exactly when the window closes', '2020-08-01T00:00:00.000Z', true],
    ['months after the window closed', '2021-03-01T00:00:00.000Z', true],
  ])('a submission %s is accepted with late=%s', (_label, at, late) => {
    const { state } = given(reportDecider, ...drafted)
      .when(commands.submit(WINDOW), ctx(at))
      .then({
        type: 'ReportSubmitted',
        data: { ...KEY, submittedAt: at, submittedBy: 'officer-hn', late, window: WINDOW },
      });
    expect(state.late).toBe(late);
    expect(state.submission?.window).toEqual(WINDOW);
  });

  it('uses the window given with the command (a window the Secretariat moved)', () => {
    const extended = { ...WINDOW, closesAt: '2020-08-15T00:00:00.000Z' };
    const [event] = given(reportDecider, ...drafted).when(
      commands.submit(extended),
      ctx('2020-08-10T00:00:00.000Z'),
    ).events;
    expect(event?.type === 'ReportSubmitted' && event.data.late).toBe(false);
  });
});
