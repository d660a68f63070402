import type { EventStore } from '@crm/event-store';
import { toDomainEvent } from '@crm/decider';
import {
  catalogueDecider,
  catalogueStreamId,
  liveActivities,
  type CatalogueEvent,
  type CatalogueState,
} from '../../domain/catalogue';
import type { ReportingPeriod } from '../../domain/periods';
import type { CatalogueView } from '../../domain/reports';
import { planDirectory } from './plan-directory';

/**
 * The plan a request addresses when it names none (`GET /plan/catalogue` without `?plan=`, catalogue amendments,
 * the dashboards' activity summary without a period): the plan the service imports at start. Reports, windows
 * and the period dashboards never use it: their period decides the plan (`loadCatalogueForPeriod`).
 */
export const DEFAULT_PLAN_ID = '2017-2022';

export interface LoadedCatalogue {
  planId: string;
  streamName: string;
  state: CatalogueState;
  /** The stream's last revision (-1: not imported). */
  revision: number;
  events: CatalogueEvent[];
}

/** Reads and folds the `planCatalogue-<planId>` stream. `upToVersion` stops after that catalogue version. */
export async function loadCatalogue(
  store: Pick<EventStore, 'readStream'>,
  planId = DEFAULT_PLAN_ID,
  upToVersion?: number,
): Promise<LoadedCatalogue> {
  const streamName = catalogueStreamId(planId);
  const recorded = await store.readStream(streamName);
  let events = recorded.map((r) => toDomainEvent<CatalogueEvent>(r));
  if (upToVersion !== undefined) events = events.filter((e) => e.data.version <= upToVersion);
  let state = catalogueDecider.initialState();
  for (const e of events) state = catalogueDecider.evolve(state, e);
  return { planId, streamName, state, revision: recorded.length - 1, events };
}

/** How a report records the catalogue it was written against: `<planId>@<version>`, e.g. `2017-2022@3`. */
export function catalogueVersionLabel(planId: string, version: number): string {
  return `${planId}@${version}`;
}

/** What the report decider needs: the version and whether an activity is live (exists and is not retired). */
export function catalogueViewOf(loaded: LoadedCatalogue): CatalogueView {
  const live = new Set(liveActivities(loaded.state).map((a) => a.id));
  return {
    version: catalogueVersionLabel(loaded.planId, loaded.state.version),
    activityExists: (id) => live.has(id),
  };
}

/** True when the activity id was ever part of the catalogue (retired ones included). */
export function activityKnown(loaded: LoadedCatalogue, activityId: string): boolean {
  return (loaded.state.catalogue?.activities ?? []).some((a) => a.id === activityId);
}

/** The catalogue of the imported plan whose years contain the period (422 `plan.period.outside_plans` if none). */
export async function loadCatalogueForPeriod(
  store: Pick<EventStore, 'readStream' | 'readAll'>,
  period: ReportingPeriod,
): Promise<LoadedCatalogue> {
  const plan = await planDirectory(store).planOf(period);
  return loadCatalogue(store, plan.planId);
}
