import { NotFoundError } from '@crm/kernel';

export function activityNotFound(activityId: string, planId: string): NotFoundError {
  return new NotFoundError(
    'plan.activity.not_found',
    {
      es: `La actividad ${activityId} no existe en el catálogo del plan ${planId}.`,
      en: `Activity ${activityId} does not exist in the catalogue of plan ${planId}.`,
    },
    { activityId, planId },
  );
}

export function reportNotFound(key: { country: string; activityId: string; period: string }): NotFoundError {
  return new NotFoundError(
    'plan.report.not_found',
    {
      es: `${key.country} aún no tiene informe de la actividad ${key.activityId} para el período ${key.period}.`,
      en: `${key.country} has no report yet on activity ${key.activityId} for period ${key.period}.`,
    },
    { ...key },
  );
}

export function catalogueNotFound(planId: string): NotFoundError {
  return new NotFoundError(
    'plan.catalogue.not_found',
    {
      es: `El catálogo del plan ${planId} aún no ha sido importado.`,
      en: `The catalogue of plan ${planId} has not been imported yet.`,
    },
    { planId },
  );
}
