import type { Activity, PlanCatalogue } from './catalogue.types';
import type { Reason } from './commands';
import type { CatalogueEvent } from './events';

/** One entry of the amendment history (every event after the import, in order). */
export interface Amendment {
  version: number;
  type: Exclude<CatalogueEvent['type'], 'CatalogueImported'>;
  activityId: string;
  reason: Reason;
  at: string;
  by: string;
  /** For rewordings and schedule changes: the value before and after. */
  change?: { year?: number; from: unknown; to: unknown };
}

export interface RetiredInfo {
  version: number;
  reason: Reason;
  at: string;
  by: string;
}

export interface CatalogueState {
  /** null until the catalogue has been imported. Retired activities stay in `catalogue.activities`. */
  catalogue: PlanCatalogue | null;
  version: number;
  importedAt: string | null;
  retired: Record<string, RetiredInfo>;
  history: Amendment[];
}

export function initialCatalogueState(): CatalogueState {
  return { catalogue: null, version: 0, importedAt: null, retired: {}, history: [] };
}

function mapActivity(catalogue: PlanCatalogue, id: string, f: (a: Activity) => Activity): PlanCatalogue {
  return { ...catalogue, activities: catalogue.activities.map((a) => (a.id === id ? f(a) : a)) };
}

/** Applies one event. Unknown event types leave the state as it is (forward compatibility). */
export function evolveCatalogue(state: CatalogueState, event: CatalogueEvent): CatalogueState {
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
    default:
      return state;
  }
}

/** The activities of the current catalogue that have not been retired. */
export function liveActivities(state: CatalogueState): Activity[] {
  return (state.catalogue?.activities ?? []).filter((a) => !state.retired[a.id]);
}
