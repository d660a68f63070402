import { InternalError } from '@crm/kernel';
import { auditSystem, type SuppressionAudit } from './audit';
import { derivableCells } from './gaussian-elimination';
import { widenIntervals } from './interval-widening';
import { resolvedOptions, type SmallCellsOptions } from './options';
import { isBelowThreshold, primarySuppression } from './primary';
import { gaussianSecondary } from './secondary-gaussian';
import { cellSystem, type LinearTable } from './table-model';

/** Why a cell is hidden: its own count is from 1 to threshold − 1 (primary), or it protects one (secondary). */
export type SuppressionReason = 'primary' | 'secondary';

/** A cell as it may be published: its count, or only the fact and reason of its suppression. */
export type PublishedCell =
  { readonly value: number } | { readonly suppressed: true; readonly reason: SuppressionReason };

/**
 * The protected table. `published` (cell id → PublishedCell) is all that may leave the service: it holds no
 * hidden count, and it is what `JSON.stringify` of the result gives. `audit()` computes, on request, the
 * check with the hidden counts and their protection intervals, for internal review and tests only.
 */
export interface SmallCellsResult {
  readonly published: Readonly<Record<string, PublishedCell>>;
  audit(): SuppressionAudit;
}

function refuse(check: string, cells: readonly string[]): never {
  throw new InternalError(
    'small_cells.protection_failed',
    {
      es: 'Error interno del control de celdas pequeñas: la tabla protegida no cumple sus reglas y no se publica.',
      en: 'Internal fault of the small-cell control: the protected table breaks its rules and is not published.',
    },
    { check, cells },
  );
}

/**
 * Statistical disclosure control of a table of counts of children (README.md): primary suppression of every
 * count from 1 to threshold − 1 (inner cells and totals; zeros are published), secondary suppression by exact
 * Gaussian elimination so that no hidden cell is derivable from the published ones, then more secondary
 * suppression until every primary cell's protection interval is at least protectionWidth wide. Deterministic:
 * the same table and options give the same result. Checks its own result before returning it (fails closed
 * with InternalError `small_cells.protection_failed`). Throws InvalidRequestError for a malformed table.
 */
export function suppressSmallCells(table: LinearTable, options: SmallCellsOptions = {}): SmallCellsResult {
  const system = cellSystem(table);
  const { threshold, protectionWidth } = resolvedOptions(options);
  const primary = primarySuppression(system, threshold);
  const gaussian = gaussianSecondary(system, primary);
  const { extra } = widenIntervals(system, primary, gaussian, protectionWidth);
  const secondary = new Set([...gaussian, ...extra]);
  const hidden = new Set([...primary, ...secondary]);

  const exposed = system.ids.filter(
    (_, cell) => !hidden.has(cell) && isBelowThreshold(system.values[cell], threshold),
  );
  if (exposed.length > 0) refuse('published_below_threshold', exposed);
  const derivable = derivableCells(system, hidden);
  if (derivable.length > 0)
    refuse(
      'derivable',
      derivable.map((cell) => system.ids[cell]),
    );

  const published: Record<string, PublishedCell> = Object.fromEntries(
    system.ids.map((id, cell) => [
      id,
      Object.freeze(
        !hidden.has(cell)
          ? { value: system.values[cell] }
          : {
              suppressed: true as const,
              reason: secondary.has(cell) ? ('secondary' as const) : ('primary' as const),
            },
      ),
    ]),
  );
  return Object.freeze({
    published: Object.freeze(published),
    audit: () => auditSystem(system, hidden, threshold, protectionWidth),
  });
}
