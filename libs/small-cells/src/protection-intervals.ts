import { type LinearProgram, optimise } from './linear-program';
import type { CellSystem } from './table-model';

/**
 * The whole counts a hidden cell can take given every published value and non-negativity: from min to max
 * (max null: no upper bound, e.g. when the totals around the cell are hidden too).
 */
export interface Interval {
  readonly min: number;
  readonly max: number | null;
}

/** max − min; Infinity when unbounded; 0 when the published values pin the cell. */
export function intervalWidth(interval: Interval): number {
  return interval.max === null ? Infinity : interval.max - interval.min;
}

/** Slack for the solver's floating point before rounding its optimum to a whole count. */
const ROUNDING_SLACK = 1e-6;

/**
 * What an intruder knows, as a linear program over the hidden inner cells (each ≥ 0): every published total,
 * less its published inner cells, equals the sum of its hidden inner cells.
 */
export function publishedProgram(system: CellSystem, hidden: ReadonlySet<number>): LinearProgram {
  const variables: string[] = [];
  for (let inner = 0; inner < system.innerCount; inner++)
    if (hidden.has(inner)) variables.push(String(inner));
  const constraints = system.terms.flatMap((terms, cell) => {
    if (cell < system.innerCount || hidden.has(cell)) return [];
    const hiddenTerms = terms.filter((inner) => hidden.has(inner));
    if (hiddenTerms.length === 0) return [];
    const known = terms.reduce((sum, inner) => (hidden.has(inner) ? sum : sum + system.values[inner]), 0);
    return [
      { terms: new Map(hiddenTerms.map((inner) => [String(inner), 1])), equal: system.values[cell] - known },
    ];
  });
  return { variables, constraints };
}

/**
 * The protection interval of each of `cells` (default: every hidden cell) when the cells in `hidden` are
 * suppressed and every other cell is published: two linear programs per cell (its minimum and its maximum).
 * The bounds are those of the linear relaxation, rounded inwards to whole counts: for one- and two-way tables
 * with margins (totally unimodular constraints) they are exactly the integer bounds; for deeper hierarchies they
 * can be wider than what an intruder solving the integer problem would find.
 */
export function protectionIntervals(
  system: CellSystem,
  hidden: ReadonlySet<number>,
  cells: Iterable<number> = hidden,
): Map<number, Interval> {
  const program = publishedProgram(system, hidden);
  const intervals = new Map<number, Interval>();
  for (const cell of cells) {
    const terms = system.terms[cell];
    const known = terms.reduce((sum, inner) => (hidden.has(inner) ? sum : sum + system.values[inner]), 0);
    const objective = new Map(terms.filter((inner) => hidden.has(inner)).map((inner) => [String(inner), 1]));
    if (objective.size === 0) {
      intervals.set(cell, { min: known, max: known });
      continue;
    }
    const low = optimise(program, objective, 'min');
    const high = optimise(program, objective, 'max');
    // Every variable is ≥ 0, so the minimum is always bounded.
    const min = low.bounded ? Math.max(0, Math.ceil(low.value - ROUNDING_SLACK)) : 0;
    intervals.set(cell, {
      min: known + min,
      max: high.bounded ? known + Math.floor(high.value + ROUNDING_SLACK) : null,
    });
  }
  return intervals;
}
