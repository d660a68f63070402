import { applyToRow, objectiveOf, type ReportRow, type RowEvent } from './report-row';

const STREAM = 'planReport-HN-IV.1.1.1-2020-S1';
const key = { country: 'HN', activityId: 'IV.1.1.1', period: '2020-S1' };
let revision = 0;
const ev = (type: string, data: Record<string, unknown>, streamName = STREAM): RowEvent => ({
  streamName,
  revision: revision++,
  type,
  data: { ...key, ...data },
  metadata: { recordedAt: `2020-07-0${Math.min(9, revision)}T00:00:00.000Z` },
});
const drafted = (status: string) =>
  ev('ReportDrafted', { content: { status, narrative: { es: 'x' }, evidence: [], indicators: [] } });
const submitted = (late: boolean) => ev('ReportSubmitted', { submittedAt: '2020-07-10T00:00:00.000Z', late });

function run(events: RowEvent[]): ReportRow | null {
  return events.reduce<ReportRow | null>((row, e) => applyToRow(row, e), null);
}

describe('applyToRow (pure report-row transitions)', () => {
  beforeEach(() => {
    revision = 0;
  });

  it('counts a status for the matrix only once submitted, keeps the first submission lateness, and the approved status', () => {
    const d = run([drafted('in_progress')])!;
    expect([d.workflow, d.contentStatus, d.reportedStatus]).toEqual(['draft', 'in_progress', null]);
    const s = applyToRow(d, submitted(false))!;
    expect([s.reportedStatus, s.firstLate]).toEqual(['in_progress', false]);
    const a = applyToRow(s, ev('ReportApproved', { version: 1 }))!;
    expect([a.workflow, a.approvedStatus, a.approvedVersions]).toEqual(['approved', 'in_progress', 1]);
    const o = applyToRow(
      a,
      ev('ReportReopened', { previousApproved: { content: { status: 'in_progress' } } }),
    )!;
    const d2 = applyToRow(o, drafted('completed'))!;
    expect([d2.workflow, d2.contentStatus, d2.reportedStatus, d2.changedAfterApproval]).toEqual([
      'draft',
      'completed',
      'in_progress',
      true,
    ]);
    const s2 = applyToRow(d2, submitted(true))!;
    expect([s2.reportedStatus, s2.firstLate, s2.lastLate, s2.approvedStatus]).toEqual([
      'completed',
      false,
      true,
      'in_progress',
    ]);
  });

  it('ignores an event already applied, unknown types and non-report streams (returns the same row)', () => {
    const row = run([drafted('delayed')])!;
    const replay = { ...drafted('completed'), revision: 0 };
    expect(applyToRow(row, replay)).toBe(row);
    expect(applyToRow(row, { ...ev('SomethingElse', {}) })).toBe(row);
    expect(applyToRow(null, ev('ReportDrafted', {}, 'planWindows-2020-S1'))).toBeNull();
    expect(objectiveOf('XVI.2.2.5')).toBe('XVI');
  });
});
