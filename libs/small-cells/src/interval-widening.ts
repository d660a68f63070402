import { InternalError } from '@crm/kernel';
import { hidingCost, publicationOrder } from './cell-preference';
import { type LinearConstraint, optimise } from './linear-program';
import { type Interval, intervalWidth, protectionIntervals } from './protection-intervals';
import type { CellSystem } from './table-model';

/** A deviation below this is the solver's rounding, not a move of the cell. */
const MOVE_SLACK = 1e-6;

/**
 * The cheapest set of published cells to hide so that primary cell `narrow` can reach `target` (at least it
 * when `direction` is 'up', at most it when 'down'): the linear program finds another table y ≥ 0 in which
 * the hidden cells are free, `narrow` reaches the target and the published cells move as little as possible,
 * weighted by hidingCost; the published cells that moved are the ones to hide. Once they are hidden, y agrees
 * with everything still published, so `narrow` can reach the target. Infinite cost when it cannot.
 */
function cheapestHiding(
  system: CellSystem,
  hidden: ReadonlySet<number>,
  narrow: number,
  target: number,
  direction: 'up' | 'down',
): { cells: number[]; cost: number } {
  const cost = hidingCost(system);
  const variables: string[] = [];
  const constraints: LinearConstraint[] = [];
  const objective = new Map<string, number>();
  for (let inner = 0; inner < system.innerCount; inner++) variables.push(`y${inner}`);
  const published = system.ids.map((_, cell) => cell).filter((cell) => !hidden.has(cell));
  for (const cell of published) {
    // Σ y − up + down = published value: up/down are how far the cell moves.
    variables.push(`u${cell}`, `d${cell}`);
    objective.set(`u${cell}`, cost(cell)).set(`d${cell}`, cost(cell));
    const terms = new Map(system.terms[cell].map((inner) => [`y${inner}`, 1]));
    terms.set(`u${cell}`, -1).set(`d${cell}`, 1);
    constraints.push({ terms, equal: system.values[cell] });
  }
  const reach = new Map(system.terms[narrow].map((inner) => [`y${inner}`, 1]));
  constraints.push(direction === 'up' ? { terms: reach, min: target } : { terms: reach, max: target });
  const optimum = optimise({ variables, constraints }, objective, 'min');
  if (!optimum.bounded) return { cells: [], cost: Infinity };
  const moved = published.filter(
    (cell) => (optimum.at.get(`u${cell}`) ?? 0) + (optimum.at.get(`d${cell}`) ?? 0) > MOVE_SLACK,
  );
  return { cells: moved, cost: optimum.value };
}

/** The cells to hide so that `narrow`'s interval becomes at least `width` wide: the cheaper way, up first. */
function widening(
  system: CellSystem,
  hidden: ReadonlySet<number>,
  narrow: number,
  interval: Interval,
  width: number,
): number[] {
  const up = cheapestHiding(system, hidden, narrow, interval.min + width, 'up');
  const down =
    interval.max !== null && interval.max - width >= 0
      ? cheapestHiding(system, hidden, narrow, interval.max - width, 'down')
      : { cells: [], cost: Infinity };
  const best = down.cells.length > 0 && down.cost < up.cost ? down : up;
  if (best.cells.length > 0) return best.cells;
  // Only the solver's rounding can get here: hide the published cell the order would give up first.
  const published = system.ids.map((_, cell) => cell).filter((cell) => !hidden.has(cell));
  if (published.length === 0) {
    // With every cell hidden no interval is bounded: an internal fault, never published.
    throw new InternalError(
      'small_cells.cannot_widen',
      {
        es: 'Error interno del control de celdas pequeñas: no se puede ampliar el intervalo de protección de una celda; la tabla no se publica.',
        en: 'Internal fault of the small-cell control: the protection interval of a cell cannot be widened; the table is not published.',
      },
      { cell: system.ids[narrow] },
    );
  }
  return publicationOrder(system, published).slice(-1);
}

/**
 * The protection-interval pass after the Gaussian one: while some primary cell's interval (min..max given
 * every published value and non-negativity) is narrower than `width`, hide the cheapest set of published
 * cells that widens it to `width`. Each step hides at least one cell and only ever hides more, so the pass
 * ends (at worst with everything hidden, when every interval is unbounded) and keeps the Gaussian guarantee.
 * Returns the extra cells, in cell order, and the final intervals of the primary cells.
 */
export function widenIntervals(
  system: CellSystem,
  primary: readonly number[],
  secondary: readonly number[],
  width: number,
): { extra: number[]; intervals: Map<number, Interval> } {
  const hidden = new Set([...primary, ...secondary]);
  const extra: number[] = [];
  for (;;) {
    const intervals = protectionIntervals(system, hidden, primary);
    const narrow = primary.find((cell) => intervalWidth(intervals.get(cell) as Interval) < width);
    if (narrow === undefined) return { extra: extra.sort((a, b) => a - b), intervals };
    for (const cell of widening(system, hidden, narrow, intervals.get(narrow) as Interval, width)) {
      hidden.add(cell);
      extra.push(cell);
    }
  }
}
