import { toDomainEvent } from '@crm/decider';
import type { EventStore } from '@crm/event-store';
import {
  catalogueAt,
  catalogueStreamId,
  type CatalogueEvent,
  type CatalogueState,
} from '../catalogue/domain';

/**
 * The plan catalogue as it stood at `asOf`: the fold of the `planCatalogue-<planId>` stream up to the last
 * event RECORDED at or before `asOf` (the stream's prefix; an amendment recorded later, even one that says it
 * happened earlier, does not show). Without `asOf`: the catalogue now. A plan never imported gives the
 * initial state (`catalogue: null`, version 0).
 */
export async function catalogueAsOf(
  store: Pick<EventStore, 'readStream'>,
  planId: string,
  asOf?: Date | string,
): Promise<CatalogueState> {
  const upTo = asOf === undefined ? Number.POSITIVE_INFINITY : new Date(asOf).getTime();
  if (Number.isNaN(upTo)) throw new Error(`catalogueAsOf: invalid instant ${String(asOf)}`);
  const recorded = await store.readStream(catalogueStreamId(planId));
  const prefix: CatalogueEvent[] = [];
  for (const r of recorded) {
    if (Date.parse(r.metadata.recordedAt) > upTo) break;
    prefix.push(toDomainEvent<CatalogueEvent>(r));
  }
  return catalogueAt(prefix);
}
