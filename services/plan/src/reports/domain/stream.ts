import { isCountryCode, type CountryCode, ValidationError } from '@crm/kernel';
import { isReportingPeriod, type ReportingPeriod } from '../../windows/domain/period';

/** The identity of a report: one stream per (country, activity, period). */
export interface ReportKey {
  country: CountryCode;
  activityId: string;
  period: ReportingPeriod;
}

export const REPORT_STREAM_CATEGORY = 'planReport';

/** Activity ids of the plan's catalogue look like `IV.1.1.1`; no '-' so the stream name parses unambiguously. */
export const ACTIVITY_ID_PATTERN = /^[A-Za-z0-9_.:]{1,64}$/;

export function isActivityId(value: unknown): value is string {
  return typeof value === 'string' && ACTIVITY_ID_PATTERN.test(value);
}

/** Validates a key, throwing `ValidationError` (422) with es/en text naming the bad part. */
export function validateReportKey(key: {
  country: unknown;
  activityId: unknown;
  period: unknown;
}): ReportKey {
  if (!isCountryCode(key.country)) {
    throw new ValidationError(
      'plan.report.invalid_country',
      {
        es: `País inválido: "${String(key.country)}". Debe ser uno de los 11 países miembros de la CRM (p. ej. HN).`,
        en: `Invalid country: "${String(key.country)}". It must be one of the 11 CRM member countries (e.g. HN).`,
      },
      { country: String(key.country) },
    );
  }
  if (!isActivityId(key.activityId)) {
    throw new ValidationError(
      'plan.report.invalid_activity_id',
      {
        es: `Identificador de actividad inválido: "${String(key.activityId)}" (p. ej. IV.1.1.1).`,
        en: `Invalid activity id: "${String(key.activityId)}" (e.g. IV.1.1.1).`,
      },
      { activityId: String(key.activityId) },
    );
  }
  if (!isReportingPeriod(key.period)) {
    throw new ValidationError(
      'plan.report.invalid_period',
      {
        es: `Período de informe inválido: "${String(key.period)}". Use AAAA-S1 (enero-junio) o AAAA-S2 (julio-diciembre), p. ej. 2020-S1.`,
        en: `Invalid reporting period: "${String(key.period)}". Use YYYY-S1 (January-June) or YYYY-S2 (July-December), e.g. 2020-S1.`,
      },
      { period: String(key.period) },
    );
  }
  return { country: key.country, activityId: key.activityId, period: key.period };
}

/** `planReport-<COUNTRY>-<activityId>-<period>`, e.g. `planReport-HN-IV.1.1.1-2020-S1`. */
export function reportStreamName(key: { country: unknown; activityId: unknown; period: unknown }): string {
  const k = validateReportKey(key);
  return `${REPORT_STREAM_CATEGORY}-${k.country}-${k.activityId}-${k.period}`;
}

const STREAM_PATTERN = /^planReport-([A-Z]{2})-([A-Za-z0-9_.:]{1,64})-(\d{4}-S[12])$/;

/** The key of a report stream name, or null if the name is not a valid report stream. */
export function parseReportStreamName(streamName: string): ReportKey | null {
  const match = STREAM_PATTERN.exec(streamName);
  if (!match) return null;
  const [, country, activityId, period] = match;
  if (!isCountryCode(country) || !isReportingPeriod(period)) return null;
  return { country, activityId: activityId as string, period };
}

export function sameKey(a: ReportKey, b: ReportKey): boolean {
  return a.country === b.country && a.activityId === b.activityId && a.period === b.period;
}
