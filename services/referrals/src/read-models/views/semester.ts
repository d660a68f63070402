import { ValidationError } from '@crm/kernel';

/**
 * The periods the Secretariat's aggregates are published for: calendar semesters `YYYY-S1` (1 January to
 * 30 June) and `YYYY-S2` (1 July to 31 December), in UTC, like the plan's reporting periods. One granularity
 * only, so no published period is the sum of others (a year table minus a semester table would give the other
 * semester's hidden cells).
 */
export interface Semester {
  period: string;
  /** Inclusive. */
  start: string;
  /** Exclusive: the first instant after the semester. */
  end: string;
}

const SEMESTER = /^(\d{4})-S([12])$/;

/** The semester `YYYY-S1` / `YYYY-S2`, or 422 `referrals.dashboard.invalid_period`. */
export function parseSemester(value: unknown): Semester {
  const match = typeof value === 'string' ? SEMESTER.exec(value) : null;
  const year = match ? Number(match[1]) : NaN;
  if (!match || year < 2000 || year > 2099) {
    throw new ValidationError(
      'referrals.dashboard.invalid_period',
      {
        es: `Indique un semestre válido en "period": AAAA-S1 (enero a junio) o AAAA-S2 (julio a diciembre), p. ej. 2020-S1; recibido: "${String(value ?? '')}".`,
        en: `Give a valid semester in "period": YYYY-S1 (January to June) or YYYY-S2 (July to December), e.g. 2020-S1; received: "${String(value ?? '')}".`,
      },
      { period: String(value ?? '') },
    );
  }
  const first = match[2] === '1';
  const start = new Date(Date.UTC(year, first ? 0 : 6, 1)).toISOString();
  const end = new Date(Date.UTC(first ? year : year + 1, first ? 6 : 0, 1)).toISOString();
  return { period: value as string, start, end };
}

/** 422 `referrals.aggregates.period_open` unless the semester has ended at `now`. */
export function requireEnded(semester: Semester, now: Date): void {
  if (now.getTime() >= Date.parse(semester.end)) return;
  throw new ValidationError(
    'referrals.aggregates.period_open',
    {
      es: `El semestre ${semester.period} no ha terminado (termina el ${semester.end.slice(0, 10)}, UTC). Los agregados se publican solo para semestres terminados, para que dos publicaciones del mismo período nunca difieran (la diferencia revelaría a niñas y niños concretos). Consulte un semestre anterior.`,
      en: `Semester ${semester.period} has not ended (it ends on ${semester.end.slice(0, 10)}, UTC). Aggregates are published for ended semesters only, so that two publications of one period never differ (the difference would give away particular children). Ask for an earlier semester.`,
    },
    { period: semester.period, endsAt: semester.end },
  );
}
