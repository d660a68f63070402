import { InvalidRequestError } from '@crm/kernel';
import { cellSystem } from './table-model';
import { oneWayTable, TOTAL, twoWayCellId, twoWayTable } from './two-way-table';

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidRequestError);
    const { text } = error as InvalidRequestError;
    expect(text.es.length).toBeGreaterThan(0);
    expect(text.en.length).toBeGreaterThan(0);
    return (error as InvalidRequestError).code;
  }
  return undefined;
}

describe('table model', () => {
  it('a two-way table has its inner cells, then row totals, column totals and the grand total, summed', () => {
    const system = cellSystem(
      twoWayTable({
        rows: ['HN', 'GT'],
        columns: ['MX', 'US'],
        counts: [
          [1, 2],
          [3, 4],
        ],
      }),
    );
    expect(system.ids).toEqual(['HN|MX', 'HN|US', 'GT|MX', 'GT|US', 'HN|*', 'GT|*', '*|MX', '*|US', '*|*']);
    expect(system.values).toEqual([1, 2, 3, 4, 3, 7, 4, 6, 10]);
    expect(system.kinds).toEqual([
      'inner',
      'inner',
      'inner',
      'inner',
      'total',
      'total',
      'total',
      'total',
      'total',
    ]);
    expect(system.terms[system.indexOf.get('*|US') as number]).toEqual([1, 3]);
    expect(system.innerCount).toBe(4);
    expect(twoWayCellId('HN', TOTAL)).toBe('HN|*');
  });

  it('a one-way table has its categories and one total', () => {
    const system = cellSystem(oneWayTable(['open', 'closed'], [12, 30]));
    expect(system.ids).toEqual(['open', 'closed', '*']);
    expect(system.values).toEqual([12, 30, 42]);
  });

  it('refuses malformed tables with small_cells.invalid_table, in Spanish and English', () => {
    const bad = [
      () => cellSystem({ inner: [{ id: 'a', value: -1 }], totals: [] }),
      () => cellSystem({ inner: [{ id: 'a', value: 1.5 }], totals: [] }),
      () =>
        cellSystem({
          inner: [
            { id: 'a', value: 1 },
            { id: 'a', value: 2 },
          ],
          totals: [],
        }),
      () => cellSystem({ inner: [{ id: 'a', value: 1 }], totals: [{ id: 't', of: [] }] }),
      () => cellSystem({ inner: [{ id: 'a', value: 1 }], totals: [{ id: 't', of: ['b'] }] }),
      () => cellSystem({ inner: [{ id: 'a', value: 1 }], totals: [{ id: 't', of: ['a', 'a'] }] }),
      () => cellSystem({ inner: [{ id: 'a', value: 1 }], totals: [{ id: 'a', of: ['a'] }] }),
      () => twoWayTable({ rows: ['H|N'], columns: ['MX'], counts: [[1]] }),
      () => twoWayTable({ rows: ['*'], columns: ['MX'], counts: [[1]] }),
      () => twoWayTable({ rows: ['HN'], columns: ['MX'], counts: [[1, 2]] }),
      () => oneWayTable(['a', 'b'], [1]),
    ];
    for (const action of bad) expect(codeOf(action)).toBe('small_cells.invalid_table');
  });
});
