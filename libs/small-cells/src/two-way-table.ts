import { InvalidRequestError } from '@crm/kernel';
import type { LinearTable } from './table-model';

/** The label that stands for "all" in the id of a total: `HN|*` is Honduras' row total, `*|*` the grand total. */
export const TOTAL = '*';

const SEPARATOR = '|';

/** The id of a cell of a two-way table: `row|column`, either of them TOTAL for a margin. */
export function twoWayCellId(row: string, column: string): string {
  return `${row}${SEPARATOR}${column}`;
}

/** A rows × columns table of counts (e.g. sending country × receiving country), margins not included. */
export interface TwoWayCounts {
  readonly rows: readonly string[];
  readonly columns: readonly string[];
  /** counts[r][c]: the count of rows[r] × columns[c]. */
  readonly counts: readonly (readonly number[])[];
}

function invalidLabels(what: { es: string; en: string }): never {
  throw new InvalidRequestError('small_cells.invalid_table', {
    es: `La tabla no se puede proteger: ${what.es}. Corrija la tabla antes de publicarla.`,
    en: `The table cannot be protected: ${what.en}. Correct the table before publishing it.`,
  });
}

function checkLabels(labels: readonly string[], name: { es: string; en: string }): void {
  if (labels.length === 0) invalidLabels({ es: `no tiene ${name.es}`, en: `it has no ${name.en}` });
  if (new Set(labels).size !== labels.length) {
    invalidLabels({ es: `repite ${name.es}`, en: `it repeats ${name.en}` });
  }
  for (const label of labels) {
    if (label.length === 0 || label === TOTAL || label.includes(SEPARATOR)) {
      invalidLabels({
        es: `la etiqueta '${label}' está vacía, es '${TOTAL}' o contiene '${SEPARATOR}'`,
        en: `the label '${label}' is empty, is '${TOTAL}' or contains '${SEPARATOR}'`,
      });
    }
  }
}

/**
 * A two-way table with its margins as a LinearTable: inner cells `row|column`, row totals `row|*`, column
 * totals `*|column` and the grand total `*|*` (ids from twoWayCellId). Every margin is published too, so every
 * margin is a sum constraint.
 */
export function twoWayTable(input: TwoWayCounts): LinearTable {
  checkLabels(input.rows, { es: 'filas', en: 'rows' });
  checkLabels(input.columns, { es: 'columnas', en: 'columns' });
  if (
    input.counts.length !== input.rows.length ||
    input.counts.some((r) => r.length !== input.columns.length)
  ) {
    invalidLabels({
      es: 'los conteos no forman una matriz de filas × columnas',
      en: 'the counts are not a rows × columns matrix',
    });
  }
  const inner = input.rows.flatMap((row, r) =>
    input.columns.map((column, c) => ({ id: twoWayCellId(row, column), value: input.counts[r][c] })),
  );
  const all = inner.map((cell) => cell.id);
  const totals = [
    ...input.rows.map((row) => ({
      id: twoWayCellId(row, TOTAL),
      of: input.columns.map((column) => twoWayCellId(row, column)),
    })),
    ...input.columns.map((column) => ({
      id: twoWayCellId(TOTAL, column),
      of: input.rows.map((row) => twoWayCellId(row, column)),
    })),
    { id: twoWayCellId(TOTAL, TOTAL), of: all },
  ];
  return { inner, totals };
}

/** A one-way table (e.g. referrals by status) and its total `*` as a LinearTable; inner ids are the categories. */
export function oneWayTable(categories: readonly string[], counts: readonly number[]): LinearTable {
  checkLabels(categories, { es: 'categorías', en: 'categories' });
  if (counts.length !== categories.length) {
    invalidLabels({
      es: 'el número de conteos no coincide con el de categorías',
      en: 'the number of counts differs from the number of categories',
    });
  }
  return {
    inner: categories.map((category, i) => ({ id: category, value: counts[i] })),
    totals: [{ id: TOTAL, of: [...categories] }],
  };
}
