import { ServiceCommand } from '@crm/service-kit';
import type { CatalogueSummary } from '../../catalogue-view';
import type { Reason } from '../../domain';

export interface ImportCatalogueInput {
  /** A whole plan catalogue in the format of services/plan/catalogue/catalogue.schema.json. */
  catalogue: unknown;
  reason?: Reason;
}

/**
 * Secretariat coordinator (and the service itself at start-up, for its default plan's file): import a plan's
 * catalogue once. Operation `plan.catalogue.amend`.
 */
export class ImportCatalogueCommand extends ServiceCommand<ImportCatalogueInput, CatalogueSummary> {}
