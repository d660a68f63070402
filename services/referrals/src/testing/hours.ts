const HOUR_MS = 3_600_000;

/** The ISO instant `hours` after `iso` (negative: before). */
export function hoursAfter(iso: string | Date, hours: number): string {
  return new Date(new Date(iso).getTime() + hours * HOUR_MS).toISOString();
}
