import { InvalidRequestError, NotFoundError } from '@crm/kernel';
import { isReportingPeriod, type ReportingPeriod } from '../windows/domain';

export function periodOrThrow(value: unknown, required: boolean): ReportingPeriod | undefined {
  if ((value === undefined || value === '') && !required) return undefined;
  if (!isReportingPeriod(value)) {
    throw new InvalidRequestError(
      'plan.dashboard.invalid_period',
      {
        es: `Indique un período válido en "period" (AAAA-S1 o AAAA-S2 de un plan importado, p. ej. 2020-S1); recibido: "${String(value ?? '')}".`,
        en: `Give a valid "period" (YYYY-S1 or YYYY-S2 of an imported plan, e.g. 2020-S1); received: "${String(value ?? '')}".`,
      },
      { period: String(value ?? '') },
    );
  }
  return value;
}

export function unknownActivity(activityId: string, planId: string): NotFoundError {
  return new NotFoundError(
    'plan.dashboard.unknown_activity',
    {
      es: `La actividad ${activityId} no existe en el catálogo del plan ${planId}.`,
      en: `Activity ${activityId} does not exist in the catalogue of plan ${planId}.`,
    },
    { activityId, planId },
  );
}

/** `?plan=`: absent or empty = the default plan; otherwise a plan id `YYYY-YYYY` (400 when malformed). */
export function planIdOrThrow(value: unknown): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string' || !/^[0-9]{4}-[0-9]{4}$/.test(value)) {
    throw new InvalidRequestError(
      'plan.dashboard.invalid_plan',
      {
        es: `Indique un plan válido en "plan" (AAAA-AAAA, p. ej. 2023-2027); recibido: "${String(value)}".`,
        en: `Give a valid "plan" (YYYY-YYYY, e.g. 2023-2027); received: "${String(value)}".`,
      },
      { plan: String(value) },
    );
  }
  return value;
}

/** 404 `plan.catalogue.not_found`: the plan named was never imported. */
export { catalogueNotFound as planNotImported } from '../shared/errors';
