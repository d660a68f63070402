import { LocalizedError, type LocalizedText } from '@crm/kernel';

/** 404: the report, activity or catalogue version asked for does not exist. */
export class PlanNotFoundError extends LocalizedError {
  readonly httpStatus = 404;
  constructor(code: string, text: LocalizedText, details: Record<string, unknown> = {}) {
    super(code, text, details);
  }
}

export function activityNotFound(activityId: string, planId: string): PlanNotFoundError {
  return new PlanNotFoundError(
    'plan.activity.not_found',
    {
      es: `La actividad ${activityId} no existe en el catálogo del plan ${planId}.`,
      en: `Activity ${activityId} does not exist in the catalogue of plan ${planId}.`,
    },
    { activityId, planId },
  );
}

export function reportNotFound(key: {
  country: string;
  activityId: string;
  period: string;
}): PlanNotFoundError {
  return new PlanNotFoundError(
    'plan.report.not_found',
    {
      es: `${key.country} aún no tiene informe de la actividad ${key.activityId} para el período ${key.period}.`,
      en: `${key.country} has no report yet on activity ${key.activityId} for period ${key.period}.`,
    },
    { ...key },
  );
}
