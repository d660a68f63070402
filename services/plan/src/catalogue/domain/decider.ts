import { fold, type Decider } from '@crm/decider';
import type { CatalogueCommand } from './commands';
import { decideCatalogue } from './decide';
import type { CatalogueEvent } from './events';
import { evolveCatalogue, initialCatalogueState, type CatalogueState } from './state';

/** The decider of one `planCatalogue-<planId>` stream: import the whole plan once, then amend it. */
export const catalogueDecider: Decider<CatalogueCommand, CatalogueEvent, CatalogueState> = {
  decide: decideCatalogue,
  evolve: evolveCatalogue,
  initialState: initialCatalogueState,
};

/** The catalogue after the given events (e.g. the events recorded up to an instant, for as-of reviews). */
export function catalogueAt(events: Iterable<CatalogueEvent>): CatalogueState {
  return fold(catalogueDecider, events);
}
