import { ConflictError } from '@crm/kernel';
import { CatalogueValidationError } from './catalogue.errors';
import type { Activity, PlanCatalogue } from './catalogue.types';
import type { Reason } from './commands';
import type { CatalogueState } from './state';

/** The rules several catalogue commands share. Each throws a LocalizedError (es/en) and changes nothing. */

export function requireReason(reason: Reason | undefined): void {
  const ok = !!reason && [reason.es, reason.en].some((t) => typeof t === 'string' && t.trim() !== '');
  if (!ok) {
    throw new CatalogueValidationError('catalogue.reason_required', {
      es: 'Indique el motivo del cambio (en español o en inglés).',
      en: 'Give the reason for the change (in Spanish or English).',
    });
  }
}

/** The imported catalogue of this plan (409 before the import or for another plan's stream). */
export function requireImported(state: CatalogueState, planId: string): PlanCatalogue {
  if (!state.catalogue) {
    throw new ConflictError('catalogue.not_imported', {
      es: `El catálogo del plan ${planId} aún no ha sido importado.`,
      en: `The catalogue of plan ${planId} has not been imported yet.`,
    });
  }
  if (state.catalogue.planId !== planId) {
    throw new ConflictError('catalogue.plan_mismatch', {
      es: `El comando es para el plan ${planId}, pero este catálogo es del plan ${state.catalogue.planId}.`,
      en: `The command is for plan ${planId}, but this catalogue is plan ${state.catalogue.planId}.`,
    });
  }
  return state.catalogue;
}

/** The activity, which must exist (422) and not be retired (409). */
export function requireLiveActivity(
  state: CatalogueState,
  catalogue: PlanCatalogue,
  activityId: string,
): Activity {
  const activity = catalogue.activities.find((a) => a.id === activityId);
  if (!activity) {
    throw new CatalogueValidationError(
      'catalogue.unknown_activity',
      {
        es: `La actividad ${activityId} no existe en el plan ${catalogue.planId}.`,
        en: `Activity ${activityId} does not exist in plan ${catalogue.planId}.`,
      },
      { activityId },
    );
  }
  if (state.retired[activityId]) {
    throw new ConflictError(
      'catalogue.activity_retired',
      {
        es: `La actividad ${activityId} fue retirada (versión ${state.retired[activityId].version}) y ya no puede modificarse.`,
        en: `Activity ${activityId} was retired (version ${state.retired[activityId].version}) and can no longer be changed.`,
      },
      { activityId },
    );
  }
  return activity;
}

/** The reason (422), the imported catalogue of the command's plan (409) and its live activity (422, 409). */
export function requireAmendable(
  command: { planId: string; activityId: string; reason: Reason },
  state: CatalogueState,
): { catalogue: PlanCatalogue; activity: Activity } {
  requireReason(command.reason);
  const catalogue = requireImported(state, command.planId);
  return { catalogue, activity: requireLiveActivity(state, catalogue, command.activityId) };
}

/** 422: the amendment would leave the activity as it is. */
export function noChange(activityId: string): CatalogueValidationError {
  return new CatalogueValidationError(
    'catalogue.no_change',
    {
      es: `El cambio no modifica la actividad ${activityId}.`,
      en: `The change does not modify activity ${activityId}.`,
    },
    { activityId },
  );
}
