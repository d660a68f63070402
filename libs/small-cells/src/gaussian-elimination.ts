import { InternalError } from '@crm/kernel';
import type { CellSystem } from './table-model';

/**
 * A linear combination of inner cells with exact integer coefficients (inner-cell number → non-zero
 * coefficient). A cell is the vector of the inner cells it sums; the empty vector is zero.
 */
export type ExactVector = ReadonlyMap<number, bigint>;

/** A row of an echelon basis: a vector and the inner cell it eliminates from every vector reduced after it. */
export interface PivotRow {
  readonly pivot: number;
  readonly vector: ExactVector;
}

/** The vector of a cell: coefficient 1 for each of its inner cells. */
export function cellVector(terms: readonly number[]): ExactVector {
  return new Map(terms.map((inner) => [inner, 1n]));
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

/** The vector divided by the gcd of its coefficients (the same span; keeps the integers small). */
function normalised(vector: Map<number, bigint>): ExactVector {
  let divisor = 0n;
  for (const coefficient of vector.values()) divisor = gcd(divisor, coefficient);
  if (divisor > 1n) for (const [inner, coefficient] of vector) vector.set(inner, coefficient / divisor);
  return vector;
}

/**
 * Fraction-free elimination: `row[pivot]·v − v[pivot]·row`, which has no pivot term, normalised; v itself when
 * it has no pivot term. Integer arithmetic (BigInt) only, so no rounding can hide or invent a dependency.
 */
export function eliminate(vector: ExactVector, row: PivotRow): ExactVector {
  const factor = vector.get(row.pivot);
  if (factor === undefined) return vector;
  const rowFactor = row.vector.get(row.pivot) as bigint;
  const result = new Map<number, bigint>();
  for (const [inner, coefficient] of vector) result.set(inner, coefficient * rowFactor);
  for (const [inner, coefficient] of row.vector) {
    const next = (result.get(inner) ?? 0n) - factor * coefficient;
    if (next === 0n) result.delete(inner);
    else result.set(inner, next);
  }
  return normalised(result);
}

/** A non-zero reduced vector as a basis row, pivoting on its lowest-numbered inner cell. */
export function pivotRow(vector: ExactVector): PivotRow {
  let pivot = Infinity;
  for (const inner of vector.keys()) pivot = Math.min(pivot, inner);
  if (pivot === Infinity) {
    throw new InternalError('small_cells.zero_pivot', {
      es: 'Error interno de la eliminación gaussiana: un vector nulo no tiene pivote.',
      en: 'Internal fault of the Gaussian elimination: the zero vector has no pivot.',
    });
  }
  return { pivot, vector };
}

/**
 * The span of the published cells, kept in echelon form: a vector lies in it exactly when the published
 * values determine its value by a linear combination (sums and differences of published counts).
 */
export class SpanBasis {
  readonly #rows: PivotRow[] = [];

  /** The vector less its part in the span: empty exactly when the vector lies in the span. */
  reduce(vector: ExactVector): ExactVector {
    let reduced = vector;
    for (const row of this.#rows) reduced = eliminate(reduced, row);
    return reduced;
  }

  contains(vector: ExactVector): boolean {
    return this.reduce(vector).size === 0;
  }

  /** Adds a row whose vector this basis has already reduced (see reduce and pivotRow). */
  addRow(row: PivotRow): void {
    this.#rows.push(row);
  }

  /** Adds a vector; false when it already lay in the span. */
  add(vector: ExactVector): boolean {
    const reduced = this.reduce(vector);
    if (reduced.size === 0) return false;
    this.addRow(pivotRow(reduced));
    return true;
  }
}

/**
 * The hidden cells whose value the published cells determine by linear combination, in cell order. A safe
 * suppression pattern has none. Non-negativity can pin a cell too: protection-intervals.ts measures that.
 */
export function derivableCells(system: CellSystem, hidden: ReadonlySet<number>): number[] {
  const basis = new SpanBasis();
  system.terms.forEach((terms, cell) => {
    if (!hidden.has(cell)) basis.add(cellVector(terms));
  });
  return [...hidden].sort((a, b) => a - b).filter((cell) => basis.contains(cellVector(system.terms[cell])));
}
