import { InvalidRequestError } from '@crm/kernel';
import { derivableCells } from './gaussian-elimination';
import { resolvedOptions, type SmallCellsOptions } from './options';
import { isBelowThreshold } from './primary';
import { type Interval, intervalWidth, protectionIntervals } from './protection-intervals';
import { type CellKind, type CellSystem, cellSystem, type LinearTable } from './table-model';

/** Published, or why hidden: primary (its own count is from 1 to threshold − 1) or secondary (to protect others). */
export type CellStatus = 'published' | 'primary' | 'secondary';

/** One cell as the audit sees it, true value included: never publish an audit. */
export interface AuditedCell {
  readonly id: string;
  readonly kind: CellKind;
  readonly value: number;
  readonly status: CellStatus;
  /** For a hidden cell: the counts it can take given every published value and non-negativity. */
  readonly interval?: Interval;
}

/**
 * The check of a suppression pattern, with the hidden values: for internal review and tests only, never to be
 * published. A safe pattern has all three lists empty.
 */
export interface SuppressionAudit {
  readonly threshold: number;
  readonly protectionWidth: number;
  readonly cells: readonly AuditedCell[];
  /** Published cells whose count is from 1 to threshold − 1. */
  readonly publishedBelowThreshold: readonly string[];
  /** Hidden cells the published values determine by linear combination (Gaussian elimination). */
  readonly derivable: readonly string[];
  /** Primary cells whose interval is narrower than protectionWidth; secondary cells whose interval is a point. */
  readonly underProtected: readonly string[];
}

/** The audit of a numbered table with the cells in `hidden` suppressed. */
export function auditSystem(
  system: CellSystem,
  hidden: ReadonlySet<number>,
  threshold: number,
  protectionWidth: number,
): SuppressionAudit {
  const intervals = protectionIntervals(system, hidden);
  const status = (cell: number): CellStatus =>
    !hidden.has(cell)
      ? 'published'
      : isBelowThreshold(system.values[cell], threshold)
        ? 'primary'
        : 'secondary';
  const cells: AuditedCell[] = system.ids.map((id, cell) => ({
    id,
    kind: system.kinds[cell],
    value: system.values[cell],
    status: status(cell),
    ...(hidden.has(cell) && { interval: intervals.get(cell) }),
  }));
  const idsOf = (filter: (cell: AuditedCell) => boolean): string[] =>
    cells.filter(filter).map((cell) => cell.id);
  const derivable = new Set(derivableCells(system, hidden).map((cell) => system.ids[cell]));
  return {
    threshold,
    protectionWidth,
    cells,
    publishedBelowThreshold: idsOf(
      (cell) => cell.status === 'published' && isBelowThreshold(cell.value, threshold),
    ),
    derivable: idsOf((cell) => derivable.has(cell.id)),
    underProtected: idsOf(
      (cell) =>
        cell.interval !== undefined &&
        intervalWidth(cell.interval) < (cell.status === 'primary' ? protectionWidth : 1),
    ),
  };
}

/**
 * Audits any suppression pattern of a table (the cells named in `hidden` suppressed, every other cell
 * published) against the rules of README.md: no count from 1 to threshold − 1 published, no hidden cell
 * derivable, every primary cell's protection interval at least protectionWidth wide. Used by the tests, and
 * to check a pattern made elsewhere (by hand, or by another tool) before it is published.
 */
export function auditSuppression(
  table: LinearTable,
  hidden: Iterable<string>,
  options: SmallCellsOptions = {},
): SuppressionAudit {
  const system = cellSystem(table);
  const { threshold, protectionWidth } = resolvedOptions(options);
  const cells = new Set<number>();
  for (const id of hidden) {
    const cell = system.indexOf.get(id);
    if (cell === undefined) {
      throw new InvalidRequestError(
        'small_cells.unknown_cell',
        {
          es: `La celda oculta '${id}' no está en la tabla. Nombre solo celdas de la tabla.`,
          en: `The hidden cell '${id}' is not in the table. Name only cells of the table.`,
        },
        { id },
      );
    }
    cells.add(cell);
  }
  return auditSystem(system, cells, threshold, protectionWidth);
}
