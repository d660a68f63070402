import type { CellSystem } from './table-model';

/** The default minimum publishable count: counts of children from 1 to 9 are never published. */
export const DEFAULT_THRESHOLD = 10;

/** Whether a count may not be published as such: from 1 to threshold - 1. Zero is published. */
export function isBelowThreshold(value: number, threshold: number): boolean {
  return value >= 1 && value < threshold;
}

/**
 * Primary suppression: every cell, inner or total, whose count is from 1 to threshold - 1, in cell order.
 * Zeros are published: a zero reveals no child, and hiding every zero would hide most of a sparse table.
 */
export function primarySuppression(system: CellSystem, threshold: number): number[] {
  return system.values.flatMap((value, cell) => (isBelowThreshold(value, threshold) ? [cell] : []));
}
