import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { EventStore } from '@crm/event-store';
import { EVENT_STORE } from '@crm/platform';
import { catalogueNotFound } from '../../../shared/errors';
import { catalogueVersionLabel, DEFAULT_PLAN_ID, loadCatalogue } from '../../catalogue-reader';
import type { CatalogueVersionEntry } from '../../catalogue-view';
import { GetCatalogueHistoryQuery, type CatalogueHistory } from './get-catalogue-history.query';

/** The import (from its event) and every amendment (from the folded history), ordered by version. 404 before the import. */
@QueryHandler(GetCatalogueHistoryQuery)
export class GetCatalogueHistoryHandler implements IQueryHandler<GetCatalogueHistoryQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ planId = DEFAULT_PLAN_ID }: GetCatalogueHistoryQuery): Promise<CatalogueHistory> {
    const loaded = await loadCatalogue(this.store, planId);
    if (!loaded.state.catalogue) throw catalogueNotFound(loaded.planId);
    const label = (version: number) => catalogueVersionLabel(loaded.planId, version);
    const versions: CatalogueVersionEntry[] = [];
    for (const e of loaded.events) {
      if (e.type !== 'CatalogueImported') continue;
      const { version, reason, at, by } = e.data;
      versions.push({
        version,
        versionLabel: label(version),
        type: e.type,
        activityId: null,
        reason,
        at,
        by,
      });
    }
    for (const a of loaded.state.history) {
      versions.push({
        version: a.version,
        versionLabel: label(a.version),
        type: a.type,
        activityId: a.activityId,
        reason: a.reason,
        at: a.at,
        by: a.by,
        ...(a.change ? { change: a.change } : {}),
      });
    }
    versions.sort((x, y) => x.version - y.version);
    return { planId: loaded.planId, currentVersion: loaded.state.version, versions };
  }
}
