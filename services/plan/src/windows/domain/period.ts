import { ValidationError } from '@crm/kernel';
import type { LocalizedText } from '@crm/kernel';

export type Semester = 1 | 2;

/** A reporting period: a semester written `YYYY-S1` (January-June) or `YYYY-S2` (July-December). */
export type ReportingPeriod = `${number}-S${Semester}`;

export interface ParsedPeriod {
  year: number;
  semester: Semester;
}

/**
 * The form of a period only (years 1000-9999). Which periods exist is up to the imported plans: a plan's
 * semesters are those of its own years (`planPeriods`, `planOfPeriod` in `./plan-years`).
 */
const PERIOD_PATTERN = /^([1-9]\d{3})-S([12])$/;

/** Parses `YYYY-S1` / `YYYY-S2`, or returns null. Whether a plan covers the period is checked by `planOfPeriod`. */
export function tryParsePeriod(value: unknown): ParsedPeriod | null {
  if (typeof value !== 'string') return null;
  const match = PERIOD_PATTERN.exec(value);
  if (!match) return null;
  const year = Number(match[1]);
  return { year, semester: Number(match[2]) as Semester };
}

export function isReportingPeriod(value: unknown): value is ReportingPeriod {
  return tryParsePeriod(value) !== null;
}

/** Parses a period or throws a `ValidationError` (422) with es/en text. */
export function parsePeriod(value: unknown): ParsedPeriod {
  const parsed = tryParsePeriod(value);
  if (!parsed) {
    throw new ValidationError(
      'plan.period.invalid',
      {
        es: `Período de informe inválido: "${String(value)}". Use AAAA-S1 (enero-junio) o AAAA-S2 (julio-diciembre), p. ej. 2020-S1.`,
        en: `Invalid reporting period: "${String(value)}". Use YYYY-S1 (January-June) or YYYY-S2 (July-December), e.g. 2020-S1.`,
      },
      { value: String(value) },
    );
  }
  return parsed;
}

export function formatPeriod(period: ParsedPeriod): ReportingPeriod {
  return `${period.year}-S${period.semester}`;
}

/** "I Semestre 2020" / "First semester 2020" (the plan's own Spanish wording: "I Semestre", "II Semestre"). */
export function periodLabel(period: ReportingPeriod | ParsedPeriod): LocalizedText {
  const { year, semester } = typeof period === 'string' ? parsePeriod(period) : period;
  return semester === 1
    ? { es: `I Semestre ${year}`, en: `First semester ${year}` }
    : { es: `II Semestre ${year}`, en: `Second semester ${year}` };
}

/** Every reporting period of a plan's years in chronological order (2017-2022: 2017-S1 ... 2022-S2). */
export function planPeriods(years: { from: number; to: number }): ReportingPeriod[] {
  const periods: ReportingPeriod[] = [];
  for (let year = years.from; year <= years.to; year++) {
    periods.push(formatPeriod({ year, semester: 1 }), formatPeriod({ year, semester: 2 }));
  }
  return periods;
}

/** Negative, zero or positive like a sort comparator. */
export function comparePeriods(a: ReportingPeriod, b: ReportingPeriod): number {
  const pa = parsePeriod(a);
  const pb = parsePeriod(b);
  return pa.year - pb.year || pa.semester - pb.semester;
}

/** The semester itself as a half-open UTC interval [start, end). */
export function semesterBounds(period: ReportingPeriod | ParsedPeriod): { start: Date; end: Date } {
  const { year, semester } = typeof period === 'string' ? parsePeriod(period) : period;
  return semester === 1
    ? { start: new Date(Date.UTC(year, 0, 1)), end: new Date(Date.UTC(year, 6, 1)) }
    : { start: new Date(Date.UTC(year, 6, 1)), end: new Date(Date.UTC(year + 1, 0, 1)) };
}
