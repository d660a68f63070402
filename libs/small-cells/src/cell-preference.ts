import type { CellSystem } from './table-model';

/**
 * Which cells to publish first when not every cell can be: zeros first (hiding a zero protects little and
 * loses a "no child" fact), then the larger counts first (a large count hidden loses more than a small one;
 * it is what GaussSuppression's default candidate order does), on equal counts the cell that sums more inner
 * cells first (totals before their parts), then table order. So secondary suppression falls on the smallest
 * non-zero cells first, deterministically.
 */
export function publicationOrder(system: CellSystem, cells: Iterable<number>): number[] {
  const { values, terms } = system;
  return [...cells].sort(
    (a, b) =>
      Number(values[b] === 0) - Number(values[a] === 0) ||
      values[b] - values[a] ||
      terms[b].length - terms[a].length ||
      a - b,
  );
}

/**
 * The information lost per unit by letting a published cell move (hiding it), for the interval pass's
 * cheapest-hiding linear program: its count, so that small cells are hidden before large ones and totals last;
 * a zero costs more than any non-zero cell (one plus the sum of every inner count), so a zero is hidden only as
 * a last resort.
 */
export function hidingCost(system: CellSystem): (cell: number) => number {
  let sum = 0;
  for (let inner = 0; inner < system.innerCount; inner++) sum += system.values[inner];
  const zeroCost = sum + 1;
  return (cell) => (system.values[cell] === 0 ? zeroCost : system.values[cell]);
}
