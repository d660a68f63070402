import { InvalidRequestError } from '@crm/kernel';
import { DEFAULT_THRESHOLD } from './primary';

/** How strictly to protect: see README.md (threshold, protection width). */
export interface SmallCellsOptions {
  /** Counts from 1 to threshold − 1 are never published. Default 10. */
  readonly threshold?: number;
  /**
   * The narrowest protection interval (max − min of the counts a primary cell can take given what is
   * published) allowed for a primary suppressed cell. Default: the threshold.
   */
  readonly protectionWidth?: number;
}

/** The options with their defaults, checked: whole numbers, at least 1. */
export function resolvedOptions(options: SmallCellsOptions): { threshold: number; protectionWidth: number } {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const protectionWidth = options.protectionWidth ?? threshold;
  for (const [name, value] of [
    ['threshold', threshold],
    ['protectionWidth', protectionWidth],
  ] as const) {
    if (!Number.isSafeInteger(value) || value < 1) {
      throw new InvalidRequestError(
        'small_cells.invalid_options',
        {
          es: `La opción '${name}' del control de celdas pequeñas debe ser un número entero mayor o igual a 1.`,
          en: `The small-cell control option '${name}' must be a whole number of at least 1.`,
        },
        { option: name },
      );
    }
  }
  return { threshold, protectionWidth };
}
