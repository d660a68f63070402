import { publicationOrder } from './cell-preference';
import { cellVector, eliminate, type ExactVector, pivotRow, SpanBasis } from './gaussian-elimination';
import type { CellSystem } from './table-model';

/**
 * Secondary suppression by Gaussian elimination, in the manner of Statistics Norway's GaussSuppression: the
 * candidates (every cell not primary suppressed) are taken in publication order (cell-preference.ts) and each
 * is published unless publishing it, together with those already published, would determine a primary
 * suppressed cell by linear combination; then it is suppressed (secondary). Exact integer elimination.
 *
 * The basis holds the published cells; each primary cell is kept reduced by it. A candidate already in the
 * span reveals nothing new and is published. Otherwise, with r its reduced vector, primary p becomes derivable
 * exactly when p's reduced vector is a multiple of r, that is when eliminating r's pivot from it leaves zero.
 *
 * Zeros come first in the order and can never reveal a primary cell (a combination of zeros is zero, and a
 * primary cell is at least 1), so this pass publishes every zero; see interval-widening.ts for the last resort.
 */
export function gaussianSecondary(system: CellSystem, primary: readonly number[]): number[] {
  const primarySet = new Set(primary);
  const basis = new SpanBasis();
  let reducedPrimary: ExactVector[] = primary.map((cell) => cellVector(system.terms[cell]));
  const secondary: number[] = [];
  const candidates = system.ids.map((_, cell) => cell).filter((cell) => !primarySet.has(cell));
  for (const candidate of publicationOrder(system, candidates)) {
    const reduced = basis.reduce(cellVector(system.terms[candidate]));
    if (reduced.size === 0) continue;
    const row = pivotRow(reduced);
    const next = reducedPrimary.map((vector) => eliminate(vector, row));
    if (next.some((vector) => vector.size === 0)) {
      secondary.push(candidate);
      continue;
    }
    basis.addRow(row);
    reducedPrimary = next;
  }
  return secondary.sort((a, b) => a - b);
}
