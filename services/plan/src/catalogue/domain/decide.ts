/**
 * The plan-catalogue decider's decisions, one function per command. Every command needs a reason (422 first);
 * every event bumps the catalogue version; bad commands throw a LocalizedError and change nothing.
 */
import { ConflictError } from '@crm/kernel';
import type { DecisionContext } from '@crm/decider';
import type { LocalizedText } from '@crm/kernel';
import { CatalogueValidationError } from './catalogue.errors';
import { noChange, requireAmendable, requireImported, requireReason } from './checks';
import type {
  AddActivity,
  CatalogueCommand,
  ChangeSchedule,
  ImportCatalogue,
  Reason,
  RetireActivity,
  RewordActivity,
} from './commands';
import type { CatalogueEvent, Stamp } from './events';
import type { CatalogueState } from './state';
import { checkActivity, checkText, isScheduleValue, validateCatalogue } from './validate-catalogue';

/** The fields of the next event: the plan, the next version, the reason, when and by whom. */
function stamp(planId: string, reason: Reason, state: CatalogueState, context: DecisionContext): Stamp {
  return {
    planId,
    version: state.version + 1,
    reason,
    at: context.now.toISOString(),
    by: context.actor.subject,
  };
}

const sameText = (a: LocalizedText, b: LocalizedText) => a.es === b.es && a.en === b.en;

/** The whole plan as one event, version 1; once per stream (409 afterwards: amend it instead). */
export function importCatalogue(
  command: ImportCatalogue,
  state: CatalogueState,
  context: DecisionContext,
): CatalogueEvent[] {
  requireReason(command.reason);
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
      data: {
        ...stamp(command.catalogue.planId, command.reason, state, context),
        catalogue: command.catalogue,
      },
    },
  ];
}

/** A new activity under an existing objective and result; ids are never reused, even retired ones. */
export function addActivity(
  command: AddActivity,
  state: CatalogueState,
  context: DecisionContext,
): CatalogueEvent[] {
  requireReason(command.reason);
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
  return [
    { type: 'ActivityAdded', data: { ...stamp(catalogue.planId, command.reason, state, context), activity } },
  ];
}

/** New Spanish and English wording of a live activity; the previous wording travels in the event. */
export function rewordActivity(
  command: RewordActivity,
  state: CatalogueState,
  context: DecisionContext,
): CatalogueEvent[] {
  const { catalogue, activity } = requireAmendable(command, state);
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
        ...stamp(catalogue.planId, command.reason, state, context),
        activityId: activity.id,
        previous: activity.text,
        text: command.text,
      },
    },
  ];
}

/** Retires a live activity: it stays in the catalogue and its history, and can no longer be changed. */
export function retireActivity(
  command: RetireActivity,
  state: CatalogueState,
  context: DecisionContext,
): CatalogueEvent[] {
  const { catalogue, activity } = requireAmendable(command, state);
  return [
    {
      type: 'ActivityRetired',
      data: { ...stamp(catalogue.planId, command.reason, state, context), activityId: activity.id },
    },
  ];
}

/** One year of a live activity's schedule: a value of the closed set, or null for an empty cell. */
export function changeSchedule(
  command: ChangeSchedule,
  state: CatalogueState,
  context: DecisionContext,
): CatalogueEvent[] {
  const { catalogue, activity } = requireAmendable(command, state);
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
        ...stamp(catalogue.planId, command.reason, state, context),
        activityId: activity.id,
        year: command.year,
        previous,
        value: command.value,
      },
    },
  ];
}

/** Decides a catalogue command; the compiler checks that every command has its case. */
export function decideCatalogue(
  command: CatalogueCommand,
  state: CatalogueState,
  context: DecisionContext,
): CatalogueEvent[] {
  switch (command.type) {
    case 'ImportCatalogue':
      return importCatalogue(command, state, context);
    case 'AddActivity':
      return addActivity(command, state, context);
    case 'RewordActivity':
      return rewordActivity(command, state, context);
    case 'RetireActivity':
      return retireActivity(command, state, context);
    case 'ChangeSchedule':
      return changeSchedule(command, state, context);
    default: {
      const _never: never = command;
      throw unknownCatalogueCommand(_never);
    }
  }
}

function unknownCatalogueCommand(command: never): CatalogueValidationError {
  const type = String((command as { type?: unknown }).type);
  return new CatalogueValidationError(
    'catalogue.unknown_command',
    { es: `Comando desconocido: ${type}.`, en: `Unknown command: ${type}.` },
    { type },
  );
}
