import { fold, readState } from '@crm/decider';
import type { EventStore } from '@crm/event-store';
import type { CatalogueView } from '../reports/domain';
import type { ReportingPeriod } from '../windows/domain';
import {
  catalogueDecider,
  catalogueStreamId,
  liveActivities,
  type CatalogueEvent,
  type CatalogueState,
} from './domain';
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

/**
 * Reads and folds the `planCatalogue-<planId>` stream (`readState`). `upToVersion` folds only the events up to
 * that catalogue version (`revision` stays the stream's).
 */
export async function loadCatalogue(
  store: Pick<EventStore, 'readStream'>,
  planId = DEFAULT_PLAN_ID,
  upToVersion?: number,
): Promise<LoadedCatalogue> {
  const streamName = catalogueStreamId(planId);
  const loaded = await readState(store, streamName, catalogueDecider);
  if (upToVersion === undefined)
    return { planId, streamName, state: loaded.state, revision: loaded.revision, events: loaded.events };
  const events = loaded.events.filter((e) => e.data.version <= upToVersion);
  return { planId, streamName, state: fold(catalogueDecider, events), revision: loaded.revision, events };
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
