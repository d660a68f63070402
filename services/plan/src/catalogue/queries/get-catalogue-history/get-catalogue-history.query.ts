import { Query } from '@nestjs/cqrs';
import type { CatalogueVersionEntry } from '../../catalogue-view';

export interface CatalogueHistory {
  planId: string;
  currentVersion: number;
  versions: CatalogueVersionEntry[];
}

/** Every catalogue version of a plan (default: the one imported at start): the import, then each amendment. */
export class GetCatalogueHistoryQuery extends Query<CatalogueHistory> {
  constructor(readonly planId?: string) {
    super();
  }
}
