import { parsePeriod, type ReportingPeriod } from './period';

/** One stream per period holds the Secretariat's decisions about that period's reporting window. */
export const WINDOW_STREAM_CATEGORY = 'planWindows';

/** `planWindows-<period>`, e.g. `planWindows-2020-S1` (a malformed period is refused, 422). */
export function windowStreamName(period: ReportingPeriod): string {
  parsePeriod(period);
  return `${WINDOW_STREAM_CATEGORY}-${period}`;
}
