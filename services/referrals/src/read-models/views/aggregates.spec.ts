import { oneWayTable, suppressSmallCells } from '@crm/small-cells';
import type { CaseIndicatorEntry, ReferralPipelineRow } from '../pipeline-rows';
import { publishAggregates, type PublishedCount } from './aggregates';
import { referredChildren, type ReferredChild } from './referred-children';
import { parseSemester, requireEnded } from './semester';

const S1 = parseSemester('2020-S1');

function child(over: Partial<ReferredChild> = {}): ReferredChild {
  return {
    from: 'HN',
    to: 'GT',
    status: 'accepted',
    ageBand: '15-17',
    sex: 'male',
    accompaniment: 'unaccompanied',
    ...over,
  };
}
const times = (n: number, over: Partial<ReferredChild> = {}) => Array.from({ length: n }, () => child(over));
const values = (cells: Record<string, PublishedCount>) =>
  Object.values(cells).flatMap((c) => ('value' in c ? [c.value] : []));

describe('semesters of the aggregates', () => {
  it('are YYYY-S1 and YYYY-S2 in UTC, published only once ended (422 otherwise)', () => {
    expect(parseSemester('2020-S2')).toEqual({
      period: '2020-S2',
      start: '2020-07-01T00:00:00.000Z',
      end: '2021-01-01T00:00:00.000Z',
    });
    for (const bad of ['2020', '2020-S3', '2020-Q1', undefined, '1999-S1'])
      expect(() => parseSemester(bad)).toThrow(
        expect.objectContaining({ code: 'referrals.dashboard.invalid_period' }),
      );
    expect(() => requireEnded(S1, new Date('2020-06-30T23:59:59.999Z'))).toThrow(
      expect.objectContaining({ code: 'referrals.aggregates.period_open', kind: 'validation' }),
    );
    expect(() => requireEnded(S1, new Date('2020-07-01T00:00:00.000Z'))).not.toThrow();
  });
});

describe('referred children: the unit of every aggregate table', () => {
  const indicators = (at: string, over: Partial<CaseIndicatorEntry> = {}): CaseIndicatorEntry => ({
    at,
    ageBand: '12-14',
    sex: 'female',
    accompaniment: 'separated',
    ...over,
  });
  const referral = (
    id: string,
    caseId: string,
    sentAt: string | null,
    history: ReferralPipelineRow['history'],
  ) => ({
    referralId: id,
    caseId,
    from: { country: 'HN' as const, institutionId: 'HN-DINAF' },
    sentAt,
    history,
  });

  it('counts a child once per pair, with the status, receiver and indicators at the end of the semester', () => {
    const cases = new Map([
      [
        'c1',
        {
          history: [
            indicators('2020-01-05T00:00:00Z'),
            indicators('2020-08-01T00:00:00Z', { ageBand: '15-17' }),
          ],
        },
      ],
      ['c2', { history: [indicators('2020-02-01T00:00:00Z', { sex: 'male' })] }],
    ]);
    const units = referredChildren(
      [
        // c1 to GT twice: the later one gives the status; then a transfer to MX after the end (ignored)
        referral('r1', 'c1', '2020-01-10T00:00:00Z', [
          { at: '2020-01-10T00:00:00Z', status: 'requested', to: 'GT' },
          { at: '2020-01-12T00:00:00Z', status: 'declined', to: 'GT' },
        ]),
        referral('r2', 'c1', '2020-02-10T00:00:00Z', [
          { at: '2020-02-10T00:00:00Z', status: 'requested', to: 'GT' },
          { at: '2020-03-01T00:00:00Z', status: 'accepted', to: 'GT' },
          { at: '2020-09-01T00:00:00Z', status: 'accepted', to: 'MX' },
        ]),
        // c1 to CR too: a second unit
        referral('r3', 'c1', '2020-06-30T23:00:00Z', [
          { at: '2020-06-30T23:00:00Z', status: 'requested', to: 'CR' },
        ]),
        // c2: entered in error (out), a draft (out), one sent in S2 (out)
        referral('r4', 'c2', '2020-03-01T00:00:00Z', [
          { at: '2020-03-01T00:00:00Z', status: 'requested', to: 'MX' },
          { at: '2020-03-02T00:00:00Z', status: 'entered_in_error', to: 'MX' },
        ]),
        referral('r5', 'c2', null, [{ at: '2020-03-01T00:00:00Z', status: 'draft', to: 'MX' }]),
        referral('r6', 'c2', '2020-07-01T00:00:00Z', [
          { at: '2020-07-01T00:00:00Z', status: 'requested', to: 'MX' },
        ]),
        // a case with no registration before the end: left out
        referral('r7', 'c3', '2020-03-01T00:00:00Z', [
          { at: '2020-03-01T00:00:00Z', status: 'requested', to: 'US' },
        ]),
      ],
      cases,
      S1,
    );
    expect(units).toEqual([
      {
        from: 'HN',
        to: 'GT',
        status: 'accepted',
        ageBand: '12-14',
        sex: 'female',
        accompaniment: 'separated',
      },
      {
        from: 'HN',
        to: 'CR',
        status: 'requested',
        ageBand: '12-14',
        sex: 'female',
        accompaniment: 'separated',
      },
    ]);
  });
});

describe('published aggregates: small-cell suppression on every table', () => {
  const units = [
    ...times(40, { to: 'GT' }),
    ...times(25, { to: 'MX', status: 'completed', sex: 'female' }),
    ...times(3, { to: 'CR', status: 'declined', ageBand: '6-11', accompaniment: 'separated' }),
    ...times(12, { from: 'GT', to: 'MX', status: 'requested', ageBand: '12-14' }),
    ...times(2, { from: 'SV', to: 'US', status: 'revoked', sex: 'other', accompaniment: 'accompanied' }),
  ];

  it('publishes no count from 1 to 9, publishes zeros and the totals, and says only "suppressed"', () => {
    const view = publishAggregates('2020-S1', units);
    expect(view).toMatchObject({
      period: '2020-S1',
      threshold: 10,
      protectionWidth: 10,
      totalsPublished: true,
    });
    for (const table of Object.values(view.tables)) {
      expect(values(table.cells).filter((v) => v >= 1 && v <= 9)).toEqual([]);
      for (const cell of Object.values(table.cells))
        expect(cell).toEqual('value' in cell ? { value: expect.any(Number) } : { suppressed: true });
    }
    expect(view.tables.countries.cells['HN|GT']).toEqual({ value: 40 });
    expect(view.tables.countries.cells['HN|CR']).toEqual({ suppressed: true });
    expect(view.tables.countries.cells['CR|HN']).toEqual({ value: 0 });
    expect(view.tables.countries.cells['*|*']).toEqual({ value: 82 });
    expect(view.tables.status.cells['*']).toEqual({ value: 82 });
    expect(view.tables.sex.cells.other).toEqual({ suppressed: true });
    expect(view.tables.countries.rows).toHaveLength(11);
    expect(view.tables.status.categories).toEqual([
      'requested',
      'acknowledged',
      'accepted',
      'in_progress',
      'completed',
      'declined',
      'revoked',
    ]);
  });

  it('does not publish the reason: with it, a primary and a secondary cell beside their total could be pinned', () => {
    // the library alone: [1, 10] with its total 11 -> primary + secondary; "1..9" + "0 or ≥ 10" = 11 gives 1 + 10
    const library = suppressSmallCells(oneWayTable(['a', 'b'], [1, 10])).published;
    expect(library).toEqual({
      a: { suppressed: true, reason: 'primary' },
      b: { suppressed: true, reason: 'secondary' },
      '*': { value: 11 },
    });
    const view = publishAggregates('2020-S1', [
      ...times(1, { sex: 'female' }),
      ...times(10, { sex: 'male' }),
    ]);
    expect(view.tables.sex.cells).toEqual({
      female: { suppressed: true },
      male: { suppressed: true },
      other: { value: 0 },
      unknown: { value: 0 },
      '*': { value: 11 },
    });
    expect(JSON.stringify(view)).not.toMatch(/reason|primary|secondary/);
  });

  it('publishes only zeros when very few children make a shared grand total small', () => {
    const view = publishAggregates('2020-S1', times(4, { to: 'MX' }));
    expect(view.totalsPublished).toBe(false);
    for (const table of Object.values(view.tables)) {
      expect(values(table.cells).every((v) => v === 0)).toBe(true);
      expect(table.cells['*|*'] ?? table.cells['*']).toEqual({ suppressed: true });
    }
    expect(view.tables.countries.cells['HN|GT']).toEqual({ value: 0 });
    expect(view.tables.countries.cells['HN|MX']).toEqual({ suppressed: true });
  });

  it('an empty semester publishes every cell as zero', () => {
    const view = publishAggregates('2019-S2', []);
    expect(view.totalsPublished).toBe(true);
    expect(view.tables.accompaniment.cells).toEqual({
      unaccompanied: { value: 0 },
      separated: { value: 0 },
      accompanied: { value: 0 },
      '*': { value: 0 },
    });
  });
});
