import { MEMBER_COUNTRIES, type LocalizedText } from '@crm/kernel';
import {
  oneWayTable,
  suppressSmallCells,
  TOTAL,
  twoWayCellId,
  twoWayTable,
  DEFAULT_THRESHOLD,
  type LinearTable,
  type SmallCellsResult,
} from '@crm/small-cells';
import { ACCOMPANIMENTS, AGE_BANDS, SEXES } from '../../cases/domain';
import { AGGREGATE_STATUSES, type ReferredChild } from './referred-children';

/**
 * The Secretariat's aggregates of one ended semester: children referred by sending × receiving country, by
 * status, by age band, by sex and by accompaniment. Every table goes through `suppressSmallCells` of
 * @crm/small-cells (no published count from 1 to 9, no hidden count derivable, every primary cell's protection
 * interval at least PROTECTION_WIDTH wide; zeros are published). docs/referrals.md, "Read models and aggregates".
 */

/** Counts from 1 to THRESHOLD − 1 are never published. */
export const THRESHOLD = DEFAULT_THRESHOLD;
/**
 * The documented protection width: for every primary-suppressed cell, the largest minus the smallest count it
 * can take given every published value of its table (and non-negativity) is at least this.
 */
export const PROTECTION_WIDTH = THRESHOLD;

export type AggregateTableName = 'countries' | 'status' | 'ageBand' | 'sex' | 'accompaniment';
export const AGGREGATE_TABLE_NAMES: readonly AggregateTableName[] = [
  'countries',
  'status',
  'ageBand',
  'sex',
  'accompaniment',
];

/**
 * A published cell: its count, or only the fact that it is hidden. The library's reason (primary or
 * secondary) is NOT published: "primary" says 1 to 9, "secondary" says 0 or at least 10, and with a total the
 * two can pin both cells (a one-way table [1, 10] with its total 11 published: a primary + a secondary that
 * add up to 11 can only be 1 + 10).
 */
export type PublishedCount = { value: number } | { suppressed: true };

/** A published table: its labels (codes) and every cell, totals included, by the library's cell id. */
export interface PublishedTable {
  /** `two-way`: ids `row|column`, `row|*`, `*|column`, `*|*`; `one-way`: ids are the categories and `*`. */
  shape: 'two-way' | 'one-way';
  rows?: string[];
  columns?: string[];
  categories?: string[];
  cells: Record<string, PublishedCount>;
}

export interface AggregatesView {
  period: string;
  /** What one counted unit is. */
  unit: LocalizedText;
  threshold: number;
  protectionWidth: number;
  /**
   * false when some table hides its grand total (very few children in the semester): then every non-zero
   * cell of every table is hidden, since the tables share that total and one table's published cells could
   * otherwise undo another's protection.
   */
  totalsPublished: boolean;
  tables: Record<AggregateTableName, PublishedTable>;
}

export const AGGREGATE_UNIT: LocalizedText = {
  es: 'Niñas, niños y adolescentes referidos de un país miembro a otro con referencias enviadas en el semestre (una vez por par de países), según su estado, país receptor e indicadores al cierre del semestre.',
  en: 'Children referred from one member country to another with referrals sent in the semester (once per pair of countries), by their status, receiving country and indicators at the end of the semester.',
};

/** The table to protect and how it is published. */
export interface AggregateTable {
  table: LinearTable;
  /** The id of its grand total. */
  grandTotal: string;
  labels: Pick<PublishedTable, 'shape' | 'rows' | 'columns' | 'categories'>;
}

function oneWay(categories: readonly string[], values: readonly string[]): AggregateTable {
  const counts = categories.map((c) => values.filter((v) => v === c).length);
  return {
    table: oneWayTable(categories, counts),
    grandTotal: TOTAL,
    labels: { shape: 'one-way', categories: [...categories] },
  };
}

/** The five tables of the referred children, with every member country and every code (a fixed shape). */
export function aggregateTables(units: readonly ReferredChild[]): Record<AggregateTableName, AggregateTable> {
  const countries = [...MEMBER_COUNTRIES];
  const counts = countries.map((from) =>
    countries.map((to) => units.filter((u) => u.from === from && u.to === to).length),
  );
  return {
    countries: {
      table: twoWayTable({ rows: countries, columns: countries, counts }),
      grandTotal: twoWayCellId(TOTAL, TOTAL),
      labels: { shape: 'two-way', rows: countries, columns: countries },
    },
    status: oneWay(
      AGGREGATE_STATUSES,
      units.map((u) => u.status),
    ),
    ageBand: oneWay(
      Object.keys(AGE_BANDS),
      units.map((u) => u.ageBand),
    ),
    sex: oneWay(
      Object.keys(SEXES),
      units.map((u) => u.sex),
    ),
    accompaniment: oneWay(
      Object.keys(ACCOMPANIMENTS),
      units.map((u) => u.accompaniment),
    ),
  };
}

function published(result: SmallCellsResult): Record<string, PublishedCount> {
  return Object.fromEntries(
    Object.entries(result.published).map(([id, cell]) => [
      id,
      'value' in cell ? { value: cell.value } : { suppressed: true as const },
    ]),
  );
}

/** Every zero published, every other cell hidden: the pattern when the shared grand total cannot be published. */
function zerosOnly(table: LinearTable): Record<string, PublishedCount> {
  const totals = table.totals.map((t) => ({
    id: t.id,
    value: t.of.reduce((sum, id) => sum + (table.inner.find((c) => c.id === id)?.value ?? 0), 0),
  }));
  return Object.fromEntries(
    [...table.inner, ...totals].map((c) => [
      c.id,
      c.value === 0 ? { value: 0 } : { suppressed: true as const },
    ]),
  );
}

/**
 * Protects each table with suppressSmallCells and publishes only what it lets out. The tables count the same
 * children, so they share their grand total: when any table hides it, every table falls back to zeros only
 * (`totalsPublished: false`). When every table publishes it, each table's hidden cells are protected by its
 * own published cells alone (the shared total is a published constant, which links nothing).
 */
export function publishAggregates(period: string, units: readonly ReferredChild[]): AggregatesView {
  const tables = aggregateTables(units);
  const results = Object.fromEntries(
    AGGREGATE_TABLE_NAMES.map((name) => [
      name,
      suppressSmallCells(tables[name].table, { threshold: THRESHOLD, protectionWidth: PROTECTION_WIDTH }),
    ]),
  ) as Record<AggregateTableName, SmallCellsResult>;
  const totalsPublished = AGGREGATE_TABLE_NAMES.every(
    (name) => 'value' in results[name].published[tables[name].grandTotal],
  );
  return {
    period,
    unit: AGGREGATE_UNIT,
    threshold: THRESHOLD,
    protectionWidth: PROTECTION_WIDTH,
    totalsPublished,
    tables: Object.fromEntries(
      AGGREGATE_TABLE_NAMES.map((name) => [
        name,
        {
          ...tables[name].labels,
          cells: totalsPublished ? published(results[name]) : zerosOnly(tables[name].table),
        },
      ]),
    ) as Record<AggregateTableName, PublishedTable>,
  };
}
