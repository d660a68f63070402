import { LocalizedError, type LocalizedText } from '@crm/kernel';
import { isReportingPeriod, type ReportingPeriod } from '../domain/periods';

/** 400: a dashboard query parameter is missing or malformed. */
export class DashboardQueryError extends LocalizedError {
  readonly httpStatus = 400;
  constructor(code: string, text: LocalizedText, details: Record<string, unknown> = {}) {
    super(code, text, details);
  }
}

/** 404: the activity asked for was never part of the catalogue. */
export class DashboardNotFoundError extends LocalizedError {
  readonly httpStatus = 404;
  constructor(code: string, text: LocalizedText, details: Record<string, unknown> = {}) {
    super(code, text, details);
  }
}

export function periodOrThrow(value: unknown, required: boolean): ReportingPeriod | undefined {
  if ((value === undefined || value === '') && !required) return undefined;
  if (!isReportingPeriod(value)) {
    throw new DashboardQueryError(
      'plan.dashboard.invalid_period',
      {
        es: `Indique un período válido en "period" (AAAA-S1 o AAAA-S2 entre 2017 y 2022, p. ej. 2020-S1); recibido: "${String(value ?? '')}".`,
        en: `Give a valid "period" (YYYY-S1 or YYYY-S2 between 2017 and 2022, e.g. 2020-S1); received: "${String(value ?? '')}".`,
      },
      { period: String(value ?? '') },
    );
  }
  return value;
}

export function unknownActivity(activityId: string, planId: string): DashboardNotFoundError {
  return new DashboardNotFoundError(
    'plan.dashboard.unknown_activity',
    {
      es: `La actividad ${activityId} no existe en el catálogo del plan ${planId}.`,
      en: `Activity ${activityId} does not exist in the catalogue of plan ${planId}.`,
    },
    { activityId, planId },
  );
}
