import { InvalidRequestError } from '@crm/kernel';

/** One count of the finest breakdown (e.g. children referred from Honduras to Guatemala). */
export interface InnerCell {
  readonly id: string;
  readonly value: number;
}

/**
 * A published total: the sum of some inner cells (a row total, a column total, the grand total, or any
 * subtotal of a hierarchy). Its value is computed from the inner cells, so a total can never disagree with them.
 */
export interface SumConstraint {
  readonly id: string;
  readonly of: readonly string[];
}

/**
 * A table to protect, in the one form every shape of table takes: its inner cells and its totals, each total a
 * linear sum constraint over inner cells. One-way, two-way and hierarchical tables differ only in their totals.
 */
export interface LinearTable {
  readonly inner: readonly InnerCell[];
  readonly totals: readonly SumConstraint[];
}

/** Whether a cell is an inner cell or a total. */
export type CellKind = 'inner' | 'total';

/**
 * The table as the algorithms see it: cells numbered 0..n-1, inner cells first (0..innerCount-1), then the
 * totals in their given order; `terms[i]` are the inner cells whose sum is cell i (an inner cell: itself).
 */
export interface CellSystem {
  readonly ids: readonly string[];
  readonly kinds: readonly CellKind[];
  readonly values: readonly number[];
  readonly terms: readonly (readonly number[])[];
  readonly innerCount: number;
  readonly indexOf: ReadonlyMap<string, number>;
}

function invalid(reason: { es: string; en: string }, details: Record<string, unknown>): never {
  throw new InvalidRequestError(
    'small_cells.invalid_table',
    {
      es: `La tabla no se puede proteger: ${reason.es}. Corrija la tabla antes de publicarla.`,
      en: `The table cannot be protected: ${reason.en}. Correct the table before publishing it.`,
    },
    details,
  );
}

function checkId(id: unknown, seen: Set<string>): void {
  if (typeof id !== 'string' || id.length === 0) {
    invalid(
      { es: 'cada celda necesita un identificador no vacío', en: 'every cell needs a non-empty id' },
      {},
    );
  }
  if (seen.has(id)) {
    invalid(
      { es: `el identificador '${id}' se repite`, en: `the id '${id}' appears more than once` },
      { id },
    );
  }
  seen.add(id);
}

/**
 * Checks a table (unique non-empty ids, counts that are non-negative safe integers, totals over at least one
 * known inner cell each, no inner cell twice in one total) and numbers its cells. Throws InvalidRequestError
 * `small_cells.invalid_table` otherwise; the details name cells, never their values.
 */
export function cellSystem(table: LinearTable): CellSystem {
  const seen = new Set<string>();
  const ids: string[] = [];
  const kinds: CellKind[] = [];
  const values: number[] = [];
  const terms: number[][] = [];
  const indexOf = new Map<string, number>();
  for (const cell of table.inner) {
    checkId(cell.id, seen);
    if (!Number.isSafeInteger(cell.value) || cell.value < 0) {
      invalid(
        {
          es: `la celda '${cell.id}' no es un conteo entero no negativo`,
          en: `the cell '${cell.id}' is not a non-negative whole count`,
        },
        { id: cell.id },
      );
    }
    indexOf.set(cell.id, ids.length);
    terms.push([ids.length]);
    ids.push(cell.id);
    kinds.push('inner');
    values.push(cell.value);
  }
  const innerCount = ids.length;
  for (const total of table.totals) {
    checkId(total.id, seen);
    if (total.of.length === 0) {
      invalid(
        { es: `el total '${total.id}' no suma ninguna celda`, en: `the total '${total.id}' sums no cell` },
        { id: total.id },
      );
    }
    const members = new Set<number>();
    for (const member of total.of) {
      const index = indexOf.get(member);
      if (index === undefined || index >= innerCount || members.has(index)) {
        invalid(
          {
            es: `el total '${total.id}' nombra '${member}', que no es una celda interior o ya está en ese total`,
            en: `the total '${total.id}' names '${member}', which is not an inner cell or is already in that total`,
          },
          { id: total.id, member },
        );
      }
      members.add(index);
    }
    const sorted = [...members].sort((a, b) => a - b);
    indexOf.set(total.id, ids.length);
    terms.push(sorted);
    ids.push(total.id);
    kinds.push('total');
    const value = sorted.reduce((sum, i) => sum + values[i], 0);
    if (!Number.isSafeInteger(value)) {
      invalid(
        { es: `el total '${total.id}' es demasiado grande`, en: `the total '${total.id}' is too large` },
        { id: total.id },
      );
    }
    values.push(value);
  }
  return { ids, kinds, values, terms, innerCount, indexOf };
}
