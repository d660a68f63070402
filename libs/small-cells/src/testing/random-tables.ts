import type { TwoWayCounts } from '../two-way-table';

/** Shares of zeros and of counts from 1 to 9 in a generated table; the rest are 10 to 10 + spread − 1. */
export interface CountMix {
  readonly zeros: number;
  readonly small: number;
  readonly spread: number;
}

/** Sparse tables like referrals between countries: many zeros, many small counts, some large ones. */
export const REFERRAL_LIKE: CountMix = { zeros: 0.3, small: 0.3, spread: 200 };

/** One generated count. */
export function randomCount(random: () => number, mix: CountMix = REFERRAL_LIKE): number {
  const draw = random();
  if (draw < mix.zeros) return 0;
  if (draw < mix.zeros + mix.small) return 1 + Math.floor(random() * 9);
  return 10 + Math.floor(random() * mix.spread);
}

/** A generated rows × columns table of counts with labels R0.., C0... */
export function randomTwoWay(
  random: () => number,
  rows: number,
  columns: number,
  mix: CountMix = REFERRAL_LIKE,
): TwoWayCounts {
  return {
    rows: Array.from({ length: rows }, (_, r) => `R${r}`),
    columns: Array.from({ length: columns }, (_, c) => `C${c}`),
    counts: Array.from({ length: rows }, () =>
      Array.from({ length: columns }, () => randomCount(random, mix)),
    ),
  };
}
