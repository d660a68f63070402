import { isIsoInstant, ValidationError } from '@crm/kernel';
import { parsePeriod, semesterBounds, type ReportingPeriod } from './period';

/**
 * When countries report on a period. A half-open UTC interval [opensAt, closesAt):
 * - before `opensAt` a report cannot be submitted (drafts are always allowed);
 * - from `opensAt` to just before `closesAt` a submission is on time;
 * - at or after `closesAt` a submission is still accepted but marked late.
 * `closesAt` is therefore the first late instant: "closes 31 July" is `closesAt = <year>-08-01T00:00:00.000Z`.
 */
export interface ReportingWindow {
  period: ReportingPeriod;
  /** ISO 8601, UTC, millisecond precision. */
  opensAt: string;
  /** ISO 8601, UTC, millisecond precision; exclusive end. */
  closesAt: string;
}

/**
 * The default rule when the Secretariat has not scheduled a window: the month after the semester ends.
 * S1 (January-June): 1 July to 31 July of the same year. S2 (July-December): 1 January to 31 January of the next year.
 */
export function defaultWindow(period: ReportingPeriod): ReportingWindow {
  const { year, semester } = parsePeriod(period);
  const opens = semester === 1 ? Date.UTC(year, 6, 1) : Date.UTC(year + 1, 0, 1);
  const closes = semester === 1 ? Date.UTC(year, 7, 1) : Date.UTC(year + 1, 1, 1);
  return { period, opensAt: new Date(opens).toISOString(), closesAt: new Date(closes).toISOString() };
}

function instant(value: Date | string): number {
  return (typeof value === 'string' ? new Date(value) : value).getTime();
}

/** True once the window has opened (submissions are allowed from then on, late or not). */
export function hasOpened(at: Date | string, window: ReportingWindow): boolean {
  return instant(at) >= instant(window.opensAt);
}

/** True inside [opensAt, closesAt): an on-time submission is possible. */
export function isOpen(at: Date | string, window: ReportingWindow): boolean {
  const t = instant(at);
  return t >= instant(window.opensAt) && t < instant(window.closesAt);
}

/** True when a submission at `submittedAt` is late: at or after `closesAt`. */
export function isLate(submittedAt: Date | string, window: ReportingWindow): boolean {
  return instant(submittedAt) >= instant(window.closesAt);
}

function toIso(value: unknown, field: 'opensAt' | 'closesAt'): string {
  const ok = (value instanceof Date && !Number.isNaN(value.getTime())) || isIsoInstant(value);
  if (!ok) {
    throw new ValidationError(
      'plan.window.invalid_instant',
      {
        es: `La fecha "${field}" de la ventana de informe no es un instante ISO 8601 válido (p. ej. 2020-07-01T00:00:00Z).`,
        en: `The reporting window's "${field}" is not a valid ISO 8601 instant (e.g. 2020-07-01T00:00:00Z).`,
      },
      { field, value: String(value) },
    );
  }
  return new Date(value as string | Date).toISOString();
}

/**
 * Validates and normalises a window (instants to UTC ISO strings). Rules: the period is valid,
 * the window opens before it closes, and it does not open before the semester itself starts.
 */
export function validateWindow(input: {
  period: unknown;
  opensAt: unknown;
  closesAt: unknown;
}): ReportingWindow {
  const parsed = parsePeriod(input.period);
  const period = input.period as ReportingPeriod;
  const opensAt = toIso(input.opensAt, 'opensAt');
  const closesAt = toIso(input.closesAt, 'closesAt');
  if (instant(opensAt) >= instant(closesAt)) {
    throw new ValidationError(
      'plan.window.closes_before_opening',
      {
        es: `La ventana de informe de ${period} debe abrir antes de cerrar (abre ${opensAt}, cierra ${closesAt}).`,
        en: `The reporting window of ${period} must open before it closes (opens ${opensAt}, closes ${closesAt}).`,
      },
      { period, opensAt, closesAt },
    );
  }
  const { start } = semesterBounds(parsed);
  if (instant(opensAt) < start.getTime()) {
    throw new ValidationError(
      'plan.window.opens_before_semester',
      {
        es: `La ventana de informe de ${period} no puede abrir antes del inicio del semestre (${start.toISOString()}).`,
        en: `The reporting window of ${period} cannot open before the semester starts (${start.toISOString()}).`,
      },
      { period, opensAt, semesterStart: start.toISOString() },
    );
  }
  return { period, opensAt, closesAt };
}
