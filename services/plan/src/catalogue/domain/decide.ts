import { ConflictError } from '@crm/kernel';
/**
 * The plan-catalogue decider: import the whole plan once, then amend it activity by activity.
 * Every event bumps the catalogue version and carries a reason; bad commands throw a LocalizedError and change nothing.
 */
import type { Decider, DecisionContext } from '@crm/decider';
import { fold } from '@crm/decider';
import type { LocalizedText } from '@crm/kernel';
import { CatalogueValidationError } from './catalogue.errors';
import type {
  Amendment,
  CatalogueCommand,
  CatalogueEvent,
  CatalogueState,
  Reason,
} from './catalogue.messages';
import type { Activity, PlanCatalogue } from './catalogue.types';
import { checkActivity, checkText, isScheduleValue, validateCatalogue } from './validate-catalogue';

export function initialCatalogueState(): CatalogueState {
  return { catalogue: null, version: 0, importedAt: null, retired: {}, history: [] };
}

function requireReason(reason: Reason | undefined): void {
  const ok = !!reason && [reason.es, reason.en].some((t) => typeof t === 'string' && t.trim() !== '');
  if (!ok) {
    throw new CatalogueValidationError('catalogue.reason_required', {
      es: 'Indique el motivo del cambio (en español o en inglés).',
      en: 'Give the reason for the change (in Spanish or English).',
    });
  }
}

function requireImported(state: CatalogueState, planId: string): PlanCatalogue {
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

/** The activity, which must exist and not be retired. */
function requireLiveActivity(state: CatalogueState, catalogue: PlanCatalogue, activityId: string): Activity {
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

function noChange(activityId: string): CatalogueValidationError {
  return new CatalogueValidationError(
    'catalogue.no_change',
    {
      es: `El cambio no modifica la actividad ${activityId}.`,
      en: `The change does not modify activity ${activityId}.`,
    },
    { activityId },
  );
}

const sameText = (a: LocalizedText, b: LocalizedText) => a.es === b.es && a.en === b.en;

function decide(
  command: CatalogueCommand,
  state: CatalogueState,
  context: DecisionContext,
): CatalogueEvent[] {
  requireReason(command.reason);
  const stamp = (planId: string) => ({
    planId,
    version: state.version + 1,
    reason: command.reason,
    at: context.now.toISOString(),
    by: context.actor.subject,
  });

  switch (command.type) {
    case 'ImportCatalogue': {
      if (state.catalogue) {
        throw new ConflictError('catalogue.already_imported', {
          es: `El catálogo del plan ${state.catalogue.planId} ya fue importado (versión ${state.version}); use enmiendas para cambiarlo.`,
          en: `The catalogue of plan ${state.catalogue.planId} was already imported (version ${state.version}); use amendments to change it.`,
        });
      }
      const problems = validateCatalogue(command.catalogue);
      if (problems.length > 0) {
        throw new CatalogueValidationError(
          'catalogue.invalid',
          {
            es: `El catálogo no es válido (${problems.length} problema(s)).`,
            en: `The catalogue is not valid (${problems.length} problem(s)).`,
          },
          { problems },
        );
      }
      return [
        {
          type: 'CatalogueImported',
          data: { ...stamp(command.catalogue.planId), catalogue: command.catalogue },
        },
      ];
    }
    case 'AddActivity': {
      const catalogue = requireImported(state, command.planId);
      const { activity } = command;
      if (catalogue.activities.some((a) => a.id === activity.id)) {
        throw new ConflictError(
          'catalogue.duplicate_activity',
          {
            es: `Ya existe (o existió) una actividad con el identificador ${activity.id}; los identificadores no se reutilizan.`,
            en: `An activity with id ${activity.id} exists (or existed); ids are never reused.`,
          },
          { activityId: activity.id },
        );
      }
      const problems = checkActivity(activity, '/activity', {
        objectives: new Set(catalogue.objectives.map((o) => o.numeral)),
        results: new Map(catalogue.results.map((r) => [r.id, r.objective])),
        scheduleYears: catalogue.scheduleYears,
        period: catalogue.period,
      });
      if (problems.length > 0) {
        throw new CatalogueValidationError(
          'catalogue.invalid_activity',
          {
            es: `La actividad no es válida: ${problems.map((p) => p.message.es).join(' ')}`,
            en: `The activity is not valid: ${problems.map((p) => p.message.en).join(' ')}`,
          },
          { problems },
        );
      }
      return [{ type: 'ActivityAdded', data: { ...stamp(catalogue.planId), activity } }];
    }
    case 'RewordActivity': {
      const catalogue = requireImported(state, command.planId);
      const activity = requireLiveActivity(state, catalogue, command.activityId);
      const problems = checkText(command.text, '/text');
      if (problems.length > 0) {
        throw new CatalogueValidationError(
          'catalogue.text_missing',
          {
            es: 'La nueva redacción debe tener texto en español y en inglés.',
            en: 'The new wording must have Spanish and English text.',
          },
          { problems },
        );
      }
      if (sameText(activity.text, command.text)) throw noChange(activity.id);
      return [
        {
          type: 'ActivityReworded',
          data: {
            ...stamp(catalogue.planId),
            activityId: activity.id,
            previous: activity.text,
            text: command.text,
          },
        },
      ];
    }
    case 'RetireActivity': {
      const catalogue = requireImported(state, command.planId);
      const activity = requireLiveActivity(state, catalogue, command.activityId);
      return [{ type: 'ActivityRetired', data: { ...stamp(catalogue.planId), activityId: activity.id } }];
    }
    case 'ChangeSchedule': {
      const catalogue = requireImported(state, command.planId);
      const activity = requireLiveActivity(state, catalogue, command.activityId);
      if (!catalogue.scheduleYears.includes(command.year)) {
        throw new CatalogueValidationError(
          'catalogue.schedule_year_unknown',
          {
            es: `El año ${command.year} no es una columna del cronograma del plan (${catalogue.scheduleYears.join(', ')}).`,
            en: `Year ${command.year} is not a schedule column of the plan (${catalogue.scheduleYears.join(', ')}).`,
          },
          { year: command.year },
        );
      }
      if (command.value !== null && !isScheduleValue(command.value)) {
        throw new CatalogueValidationError(
          'catalogue.schedule_value_invalid',
          {
            es: `Valor de cronograma no permitido: "${String(command.value)}".`,
            en: `Schedule value not allowed: "${String(command.value)}".`,
          },
          { value: command.value },
        );
      }
      const previous = activity.schedule[String(command.year)] ?? null;
      if (previous === command.value) throw noChange(activity.id);
      return [
        {
          type: 'ScheduleChanged',
          data: {
            ...stamp(catalogue.planId),
            activityId: activity.id,
            year: command.year,
            previous,
            value: command.value,
          },
        },
      ];
    }
  }
}

function mapActivity(catalogue: PlanCatalogue, id: string, f: (a: Activity) => Activity): PlanCatalogue {
  return { ...catalogue, activities: catalogue.activities.map((a) => (a.id === id ? f(a) : a)) };
}

function evolve(state: CatalogueState, event: CatalogueEvent): CatalogueState {
  const base = { version: event.data.version };
  const amendment = (activityId: string, change?: Amendment['change']): Amendment[] => [
    ...state.history,
    {
      version: event.data.version,
      type: event.type as Amendment['type'],
      activityId,
      reason: event.data.reason,
      at: event.data.at,
      by: event.data.by,
      ...(change ? { change } : {}),
    },
  ];
  switch (event.type) {
    case 'CatalogueImported':
      return { ...state, ...base, catalogue: event.data.catalogue, importedAt: event.data.at };
    case 'ActivityAdded': {
      if (!state.catalogue) return state;
      return {
        ...state,
        ...base,
        catalogue: { ...state.catalogue, activities: [...state.catalogue.activities, event.data.activity] },
        history: amendment(event.data.activity.id),
      };
    }
    case 'ActivityReworded': {
      if (!state.catalogue) return state;
      const { activityId, previous, text } = event.data;
      return {
        ...state,
        ...base,
        catalogue: mapActivity(state.catalogue, activityId, (a) => ({ ...a, text })),
        history: amendment(activityId, { from: previous, to: text }),
      };
    }
    case 'ActivityRetired': {
      const { activityId, version, reason, at, by } = event.data;
      return {
        ...state,
        ...base,
        retired: { ...state.retired, [activityId]: { version, reason, at, by } },
        history: amendment(activityId),
      };
    }
    case 'ScheduleChanged': {
      if (!state.catalogue) return state;
      const { activityId, year, previous, value } = event.data;
      return {
        ...state,
        ...base,
        catalogue: mapActivity(state.catalogue, activityId, (a) => ({
          ...a,
          schedule: { ...a.schedule, [String(year)]: value },
        })),
        history: amendment(activityId, { year, from: previous, to: value }),
      };
    }
  }
}

export const catalogueDecider: Decider<CatalogueCommand, CatalogueEvent, CatalogueState> = {
  decide,
  evolve,
  initialState: initialCatalogueState,
};

/** The catalogue after the given events (e.g. the events recorded up to an instant, for as-of reviews). */
export function catalogueAt(events: Iterable<CatalogueEvent>): CatalogueState {
  return fold(catalogueDecider, events);
}

/** The activities of the current catalogue that have not been retired. */
export function liveActivities(state: CatalogueState): Activity[] {
  return (state.catalogue?.activities ?? []).filter((a) => !state.retired[a.id]);
}
