import type { Amendment, CatalogueState, Reason, RetiredInfo } from './domain';
import { catalogueVersionLabel } from './catalogue-reader';

/** A short answer to a catalogue command: where the catalogue stands now. */
export interface CatalogueSummary {
  planId: string;
  version: number;
  /** The label reports record as their catalogueVersion, e.g. `2017-2022@2`. */
  versionLabel: string;
  activities: number;
  retired: string[];
  lastAmendment: Amendment | null;
  revision: number;
}

export function toCatalogueSummary(
  planId: string,
  state: CatalogueState,
  revision: number,
): CatalogueSummary {
  return {
    planId,
    version: state.version,
    versionLabel: catalogueVersionLabel(planId, state.version),
    activities: state.catalogue?.activities.length ?? 0,
    retired: Object.keys(state.retired).sort(),
    lastAmendment: state.history[state.history.length - 1] ?? null,
    revision,
  };
}

/** One version of the catalogue in its history (the import is version 1). */
export interface CatalogueVersionEntry {
  version: number;
  versionLabel: string;
  type: string;
  activityId: string | null;
  reason: Reason;
  at: string;
  by: string;
  change?: Amendment['change'];
}

export type RetiredMap = Record<string, RetiredInfo>;
