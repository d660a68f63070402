import { Query } from '@nestjs/cqrs';
import type { PlanCatalogue, RetiredInfo } from '../../domain';

export interface CatalogueDocument {
  planId: string;
  version: number;
  versionLabel: string;
  currentVersion: number;
  importedAt: string | null;
  catalogue: PlanCatalogue;
  retired: Record<string, RetiredInfo>;
}

/**
 * A plan's catalogue: now, as it stood at `version` (1 = as imported), or as it stood at the instant `asOf`.
 * `version` and `asOf` exclude each other. `planId`: default the plan imported at start.
 */
export class GetCatalogueQuery extends Query<CatalogueDocument> {
  constructor(readonly at: { planId?: string; version?: number; asOf?: Date } = {}) {
    super();
  }
}
