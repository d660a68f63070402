import { seededRandom } from '@crm/kernel';
import { type Interval, intervalWidth, protectionIntervals } from './protection-intervals';
import { type CellSystem, cellSystem } from './table-model';
import { randomTwoWay } from './testing/random-tables';
import { oneWayTable, twoWayTable } from './two-way-table';

/**
 * The exact integer interval of every hidden cell by enumeration: every assignment of whole counts ≥ 0 to the
 * hidden inner cells that agrees with every published cell (depth-first, pruned by the published totals).
 */
function bruteForceIntervals(system: CellSystem, hidden: ReadonlySet<number>): Map<number, Interval> {
  const free = [...Array(system.innerCount).keys()].filter((inner) => hidden.has(inner));
  const published = system.ids
    .map((_, cell) => cell)
    .filter((cell) => !hidden.has(cell) && cell >= system.innerCount);
  const y = system.values.slice(0, system.innerCount).map((value, inner) => (hidden.has(inner) ? 0 : value));
  const sum = (cell: number) => system.terms[cell].reduce((total, inner) => total + y[inner], 0);
  const bound = system.values[system.ids.length - 1]; // the grand total, published in these tests
  const found = new Map<number, { min: number; max: number }>();
  const visit = (k: number): void => {
    if (published.some((cell) => sum(cell) > system.values[cell])) return;
    if (k === free.length) {
      if (published.some((cell) => sum(cell) !== system.values[cell])) return;
      for (const cell of hidden) {
        const value = sum(cell);
        const seen = found.get(cell);
        found.set(cell, {
          min: Math.min(seen?.min ?? value, value),
          max: Math.max(seen?.max ?? value, value),
        });
      }
      return;
    }
    for (let value = 0; value <= bound; value++) {
      y[free[k]] = value;
      visit(k + 1);
    }
    y[free[k]] = 0;
  };
  visit(0);
  return found;
}

describe('protection intervals (linear programs)', () => {
  it('in a 2x2 with margins and the four inner cells hidden, each cell moves along the rectangle', () => {
    const system = cellSystem(
      twoWayTable({
        rows: ['A', 'B'],
        columns: ['X', 'Y'],
        counts: [
          [5, 20],
          [30, 40],
        ],
      }),
    );
    const intervals = protectionIntervals(system, new Set([0, 1, 2, 3]));
    // x11 + t, x12 − t, x21 − t, x22 + t with every cell ≥ 0: t from −5 to 20.
    expect([...intervals.values()]).toEqual([
      { min: 0, max: 25 },
      { min: 0, max: 25 },
      { min: 10, max: 35 },
      { min: 35, max: 60 },
    ]);
  });

  it('a hidden cell of a published sum whose other cells are published is pinned; with the sum hidden, unbounded', () => {
    const system = cellSystem(oneWayTable(['a', 'b'], [5, 30]));
    expect(protectionIntervals(system, new Set([0])).get(0)).toEqual({ min: 5, max: 5 });
    const open = protectionIntervals(system, new Set([0, 2])).get(0) as Interval;
    expect(open).toEqual({ min: 0, max: null });
    expect(intervalWidth(open)).toBe(Infinity);
  });

  it('agrees with enumerating every integer table on generated small tables and hiding patterns', () => {
    const random = seededRandom(20240611);
    let compared = 0;
    for (let round = 0; round < 60; round++) {
      const rows = 1 + Math.floor(random() * 2);
      const columns = 2 + Math.floor(random() * 2);
      const table = twoWayTable(randomTwoWay(random, rows, columns, { zeros: 0.25, small: 0.45, spread: 6 }));
      const system = cellSystem(table);
      const grand = system.ids.length - 1;
      const hidden = new Set<number>();
      for (let cell = 0; cell < grand; cell++) if (random() < 0.5) hidden.add(cell);
      if ([...hidden].filter((cell) => cell < system.innerCount).length > 4) continue;
      const exact = bruteForceIntervals(system, hidden);
      const computed = protectionIntervals(system, hidden);
      for (const cell of hidden) {
        expect({ id: system.ids[cell], ...computed.get(cell) }).toEqual({
          id: system.ids[cell],
          ...exact.get(cell),
        });
        const value = system.values[cell];
        const interval = computed.get(cell) as Interval;
        expect(interval.min <= value && value <= (interval.max as number)).toBe(true);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(100);
  });
});
