import type { CountryCode } from '@crm/kernel';
import type { StepDeadline } from '../../referrals/domain';
import type { ReferralPipelineRow } from '../pipeline-rows';
import { buildOverdue, overdueEntry } from './overdue';
import { buildPipeline } from './pipeline-counts';
import { buildTimings, quantile } from './timings';

const H = 3_600_000;
const T0 = Date.parse('2020-03-02T12:00:00.000Z');
const at = (hours: number) => new Date(T0 + hours * H).toISOString();

function step(dueHours: number, level: 0 | 1 | 2 = 0): StepDeadline {
  return {
    openedAt: at(0),
    dueAt: at(dueHours),
    windowMs: dueHours * H,
    reminders: 0,
    remindedDueAt: null,
    level,
  };
}

function row(id: string, over: Partial<ReferralPipelineRow> = {}): ReferralPipelineRow {
  const to = over.to ?? { country: 'GT' as CountryCode, institutionId: 'GT-PGN' };
  return {
    referralId: id,
    caseId: `HN-${id}`,
    from: { country: 'HN', institutionId: 'HN-DINAF' },
    to,
    countries: ['HN', to.country],
    status: 'requested',
    urgency: 'routine',
    draftedAt: at(-1),
    sentAt: at(0),
    acknowledgedAt: null,
    acceptedAt: null,
    declinedAt: null,
    completedAt: null,
    revokedAt: null,
    enteredInErrorAt: null,
    steps: { acknowledge: step(48), decide: step(168), withdrawal: null },
    reminders: 0,
    escalations: 0,
    history: [
      { at: at(-1), status: 'draft', to: to.country },
      { at: at(0), status: 'requested', to: to.country },
    ],
    revision: 1,
    updatedAt: at(0),
    ...over,
  };
}

describe('pipeline counts by country pair and status', () => {
  it('counts each referral once under its pair and current status, pairs in country order', () => {
    const view = buildPipeline(
      [
        row('a', { to: { country: 'MX', institutionId: 'MX-DIF' }, status: 'accepted' }),
        row('b'),
        row('c', { status: 'declined' }),
        row('d'),
      ],
      ['HN'],
    );
    expect(view.pairs.map((p) => [p.from, p.to, p.total])).toEqual([
      ['HN', 'GT', 3],
      ['HN', 'MX', 1],
    ]);
    expect(view.pairs[0].byStatus).toMatchObject({ requested: 2, declined: 1, accepted: 0, draft: 0 });
    expect(view.byStatus).toMatchObject({ requested: 2, declined: 1, accepted: 1 });
    expect(view.total).toBe(4);
    expect(view.statuses[0]).toBe('draft');
  });
});

describe('time to acknowledgement and to acceptance', () => {
  it('quantiles interpolate between the closest ranks (the median of an even count is the mean of the middle two)', () => {
    expect(quantile([], 0.5)).toBeNull();
    expect(quantile([7], 0.9)).toBe(7);
    expect(quantile([4, 1, 3, 2], 0.5)).toBe(2.5);
    expect(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBeCloseTo(9.1);
  });

  it('gives per pair the count, median and p90 in hours since sending, drafts left out', () => {
    const view = buildTimings(
      [
        row('a', { acknowledgedAt: at(2), acceptedAt: at(10) }),
        row('b', { acknowledgedAt: at(4) }),
        row('c', { acknowledgedAt: at(30), acceptedAt: at(40) }),
        row('d'),
        row('e', { sentAt: null, status: 'draft' }),
      ],
      ['HN'],
    );
    expect(view.pairs).toEqual([
      {
        from: 'HN',
        to: 'GT',
        sent: 4,
        acknowledgement: { count: 3, medianHours: 4, p90Hours: 24.8 },
        acceptance: { count: 2, medianHours: 25, p90Hours: 37 },
      },
    ]);
    expect(view.overall.sent).toBe(4);
  });

  it('keeps a transferred referral under the receiver it was sent to', () => {
    const transferred = row('a', {
      to: { country: 'MX', institutionId: 'MX-DIF' },
      acknowledgedAt: at(1),
      acceptedAt: at(2),
      history: [
        { at: at(-1), status: 'draft', to: 'GT' },
        { at: at(0), status: 'requested', to: 'GT' },
        { at: at(5), status: 'accepted', to: 'MX' },
      ],
    });
    expect(buildTimings([transferred], ['HN']).pairs.map((p) => p.to)).toEqual(['GT']);
  });
});

describe('overdue list, computed from the clock at query time', () => {
  it('lists the open steps past due with their level, grouped by receiving institution, most overdue first', () => {
    const rows = [
      row('a'),
      row('b', { steps: { acknowledge: step(10, 1), decide: step(168), withdrawal: null }, escalations: 1 }),
      row('c', { to: { country: 'MX', institutionId: 'MX-DIF' } }),
      row('d', { steps: { acknowledge: step(-5), decide: step(168), withdrawal: null } }),
    ];
    const view = buildOverdue(rows, new Date(at(49)), ['HN']);
    expect(view.total).toBe(4);
    expect(view.institutions.map((i) => [i.institutionId, i.referrals.map((r) => r.referralId)])).toEqual([
      ['GT-PGN', ['d', 'b', 'a']],
      ['MX-DIF', ['c']],
    ]);
    expect(view.institutions[0].referrals[1]).toEqual({
      referralId: 'b',
      status: 'requested',
      from: { country: 'HN', institutionId: 'HN-DINAF' },
      to: { country: 'GT', institutionId: 'GT-PGN' },
      steps: [{ step: 'acknowledge', dueAt: at(10), level: 1, overdueHours: 39 }],
      escalationLevel: 1,
      reminders: 0,
      escalations: 1,
    });
    expect(JSON.stringify(view)).not.toContain('HN-a');
  });

  it('nothing is overdue before the due instant, on a terminal or draft referral', () => {
    expect(overdueEntry(row('a'), new Date(at(48)))).toBeNull();
    expect(overdueEntry(row('a'), new Date(at(48.5)))).not.toBeNull();
    const withdrawal = { acknowledge: null, decide: null, withdrawal: step(1) };
    expect(overdueEntry(row('a', { status: 'completed', steps: withdrawal }), new Date(at(5)))).toBeNull();
    expect(overdueEntry(row('a', { status: 'accepted', steps: withdrawal }), new Date(at(5)))).not.toBeNull();
  });
});
