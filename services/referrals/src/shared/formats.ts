/**
 * Formats the referral contexts share: calendar dates (`YYYY-MM-DD`, what officials write on a form: a
 * verification, a detection, an interview) and language codes. Pure functions, no clock: "today" is always
 * passed in (from the decision context).
 */

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** A calendar date `YYYY-MM-DD` that exists in the Gregorian calendar (`2020-02-30` is not one). */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = CALENDAR_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * The UTC calendar date of an instant. Used as "today" for the rule "a date may not be in the future": every
 * member country is west of Greenwich (UTC-3 to UTC-10), so a genuine local date is never after the UTC date.
 */
export function calendarDateOf(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

/** `to - from` in whole days (both calendar dates). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** The calendar date `days` after `date` (negative: before). */
export function addDays(date: string, days: number): string {
  return calendarDateOf(new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS));
}

/** An ISO 639-1 (`es`, `en`) or ISO 639-3 (`mam`, `quc`, `cab`: Mayan and Garifuna languages) code, lower case. */
export function isLanguageCode(value: unknown): value is string {
  return typeof value === 'string' && /^[a-z]{2,3}$/.test(value);
}

/** The distinct strings of a list, in first-seen order. */
export function distinct<T extends string>(values: readonly T[]): T[] {
  return [...new Set(values)];
}
