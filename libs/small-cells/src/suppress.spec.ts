import { InvalidRequestError } from '@crm/kernel';
import { primarySuppression } from './primary';
import { intervalWidth, protectionIntervals } from './protection-intervals';
import { gaussianSecondary } from './secondary-gaussian';
import { type PublishedCell, suppressSmallCells } from './suppress';
import { cellSystem, type LinearTable } from './table-model';
import { oneWayTable, twoWayTable } from './two-way-table';

const hiddenIds = (published: Readonly<Record<string, PublishedCell>>, reason?: 'primary' | 'secondary') =>
  Object.entries(published)
    .filter(([, cell]) => 'suppressed' in cell && (reason === undefined || cell.reason === reason))
    .map(([id]) => id);

/** The audit of a result must be clean and every primary interval at least the width wide. */
function expectProtected(table: LinearTable, width = 10) {
  const result = suppressSmallCells(table);
  const audit = result.audit();
  expect(audit.publishedBelowThreshold).toEqual([]);
  expect(audit.derivable).toEqual([]);
  expect(audit.underProtected).toEqual([]);
  for (const cell of audit.cells.filter((c) => c.status === 'primary')) {
    expect(intervalWidth(cell.interval!)).toBeGreaterThanOrEqual(width);
  }
  return result;
}

describe('suppressSmallCells', () => {
  it('a single small cell of a 2x2 with margins needs three secondary cells (the whole rectangle)', () => {
    const result = expectProtected(
      twoWayTable({
        rows: ['A', 'B'],
        columns: ['X', 'Y'],
        counts: [
          [5, 20],
          [30, 40],
        ],
      }),
    );
    expect(hiddenIds(result.published, 'primary')).toEqual(['A|X']);
    expect(hiddenIds(result.published, 'secondary')).toEqual(['A|Y', 'B|X', 'B|Y']);
    expect(result.published).toMatchObject({
      'A|*': { value: 25 },
      '*|X': { value: 35 },
      '*|*': { value: 95 },
    });
  });

  it('a row with one suppressed cell and a published total gets a second suppression, the smallest other count', () => {
    const result = expectProtected(oneWayTable(['open', 'closed', 'transferred'], [5, 30, 40]));
    expect(result.published).toEqual({
      open: { suppressed: true, reason: 'primary' },
      closed: { suppressed: true, reason: 'secondary' },
      transferred: { value: 40 },
      '*': { value: 75 },
    });
  });

  it('in a 3x3, each row and column of a small cell gets a second hidden cell when its total is published', () => {
    const table = twoWayTable({
      rows: ['A', 'B', 'C'],
      columns: ['X', 'Y', 'Z'],
      counts: [
        [50, 12, 60],
        [40, 6, 90],
        [30, 80, 70],
      ],
    });
    const hidden = hiddenIds(expectProtected(table).published);
    expect(hidden).toContain('B|Y');
    expect(hidden.filter((id) => id.startsWith('B|') && id !== 'B|*').length).toBeGreaterThanOrEqual(2);
    expect(hidden.filter((id) => id.endsWith('|Y') && id !== '*|Y').length).toBeGreaterThanOrEqual(2);
  });

  it('publishes zeros, and protects a small cell whose rectangle partner is a zero without hiding the zero', () => {
    const result = expectProtected(
      twoWayTable({
        rows: ['A', 'B'],
        columns: ['X', 'Y'],
        counts: [
          [5, 20],
          [30, 0],
        ],
      }),
    );
    expect(result.published['B|Y']).toEqual({ value: 0 });
    expect(result.published['A|X']).toEqual({ suppressed: true, reason: 'primary' });
    // With B|Y = 0 published, hiding the rectangle's other cells alone would give A|X away (B|X = B|* − 0):
    // a total is hidden instead.
    expect(hiddenIds(result.published)).toEqual(['A|X', 'B|X', 'A|*', 'B|*']);
  });

  it('suppresses totals that are themselves from 1 to 9 (primary) and still publishes the zeros', () => {
    const result = expectProtected(
      twoWayTable({
        rows: ['A', 'B'],
        columns: ['X', 'Y'],
        counts: [
          [3, 4],
          [0, 0],
        ],
      }),
    );
    expect(hiddenIds(result.published, 'primary').sort()).toEqual(['*|*', '*|X', '*|Y', 'A|*', 'A|X', 'A|Y']);
    expect(result.published).toMatchObject({ 'B|X': { value: 0 }, 'B|Y': { value: 0 }, 'B|*': { value: 0 } });
  });

  it('publishes everything when every count is 10 or more (or zero)', () => {
    const result = suppressSmallCells(
      twoWayTable({
        rows: ['A', 'B'],
        columns: ['X', 'Y'],
        counts: [
          [10, 0],
          [11, 250],
        ],
      }),
    );
    expect(hiddenIds(result.published)).toEqual([]);
    expect(result.published).toEqual({
      'A|X': { value: 10 },
      'A|Y': { value: 0 },
      'B|X': { value: 11 },
      'B|Y': { value: 250 },
      'A|*': { value: 10 },
      'B|*': { value: 261 },
      '*|X': { value: 21 },
      '*|Y': { value: 250 },
      '*|*': { value: 271 },
    });
  });

  it('widens beyond the Gaussian guarantee: two small cells whose sum is known are hidden with a third', () => {
    const table = oneWayTable(['a', 'b', 'c'], [5, 3, 30]);
    const system = cellSystem(table);
    const primary = primarySuppression(system, 10);
    // Gaussian elimination alone publishes c = 30: neither a nor b is then derivable, but a + b = 8 is known.
    expect(gaussianSecondary(system, primary)).toEqual([]);
    expect(protectionIntervals(system, new Set(primary)).get(0)).toEqual({ min: 0, max: 8 });
    const result = expectProtected(table);
    expect(result.published).toEqual({
      a: { suppressed: true, reason: 'primary' },
      b: { suppressed: true, reason: 'primary' },
      c: { suppressed: true, reason: 'secondary' },
      '*': { value: 38 },
    });
    // With a narrower documented width, 8 is enough and c is published.
    expect(suppressSmallCells(table, { protectionWidth: 8 }).published.c).toEqual({ value: 30 });
  });

  it('protects a hierarchical table (regions and their countries) with the same code', () => {
    const table: LinearTable = {
      inner: [
        { id: 'MX', value: 40 },
        { id: 'US', value: 120 },
        { id: 'CA', value: 5 },
        { id: 'GT', value: 30 },
        { id: 'HN', value: 7 },
        { id: 'SV', value: 25 },
      ],
      totals: [
        { id: 'north', of: ['MX', 'US', 'CA'] },
        { id: 'central', of: ['GT', 'HN', 'SV'] },
        { id: 'all', of: ['MX', 'US', 'CA', 'GT', 'HN', 'SV'] },
      ],
    };
    const result = expectProtected(table);
    expect(hiddenIds(result.published, 'primary')).toEqual(['CA', 'HN']);
    expect(hiddenIds(result.published, 'secondary')).toEqual(['MX', 'SV']);
  });

  it('is deterministic: the same table gives the same result', () => {
    const counts = [
      [5, 20, 0, 3],
      [30, 40, 9, 12],
      [0, 7, 55, 18],
    ];
    const make = () =>
      suppressSmallCells(twoWayTable({ rows: ['A', 'B', 'C'], columns: ['W', 'X', 'Y', 'Z'], counts }));
    expect(JSON.stringify(make())).toBe(JSON.stringify(make()));
    expect(make().audit()).toEqual(make().audit());
  });

  it('serialises to the published cells only: no hidden count, suppressed cells carry only the fact and reason', () => {
    const result = suppressSmallCells(oneWayTable(['a', 'b', 'c'], [7, 31, 45]));
    expect(JSON.parse(JSON.stringify(result))).toEqual({ published: result.published });
    for (const cell of Object.values(result.published)) {
      expect(Object.keys(cell).sort()).toEqual('suppressed' in cell ? ['reason', 'suppressed'] : ['value']);
    }
    // Every number in the serialised result is a published count (b = 31 and a = 7 are hidden).
    expect(JSON.stringify(result).match(/\d+/g)?.map(Number).sort()).toEqual([45, 83]);
    expect(Object.isFrozen(result.published)).toBe(true);
    expect(Object.isFrozen(result.published.a)).toBe(true);
    // The hidden counts are in the audit only, on request.
    expect(result.audit().cells.find((cell) => cell.id === 'a')).toMatchObject({
      value: 7,
      status: 'primary',
    });
  });

  it('refuses options that are not whole numbers of at least 1', () => {
    const table = oneWayTable(['a'], [12]);
    for (const options of [{ threshold: 0 }, { threshold: 2.5 }, { protectionWidth: 0 }]) {
      expect(() => suppressSmallCells(table, options)).toThrow(InvalidRequestError);
    }
    expect(suppressSmallCells(table, { threshold: 20 }).published.a).toEqual({
      suppressed: true,
      reason: 'primary',
    });
  });
});
