import { Module } from '@nestjs/common';
import { commandDepsProvider } from '@crm/service-kit';
import { AmendCatalogueController } from './commands/amend-catalogue/amend-catalogue.controller';
import { AmendCatalogueHandler } from './commands/amend-catalogue/amend-catalogue.handler';
import { ImportCatalogueController } from './commands/import-catalogue/import-catalogue.controller';
import { ImportCatalogueHandler } from './commands/import-catalogue/import-catalogue.handler';
import { GetCatalogueHistoryController } from './queries/get-catalogue-history/get-catalogue-history.controller';
import { GetCatalogueHistoryHandler } from './queries/get-catalogue-history/get-catalogue-history.handler';
import { GetCatalogueController } from './queries/get-catalogue/get-catalogue.controller';
import { GetCatalogueHandler } from './queries/get-catalogue/get-catalogue.handler';

/** The plans' catalogues (`planCatalogue-<planId>`): import and amendments, the catalogue and its history. */
@Module({
  controllers: [
    AmendCatalogueController,
    ImportCatalogueController,
    GetCatalogueController,
    GetCatalogueHistoryController,
  ],
  providers: [
    commandDepsProvider,
    AmendCatalogueHandler,
    ImportCatalogueHandler,
    GetCatalogueHandler,
    GetCatalogueHistoryHandler,
  ],
})
export class CatalogueModule {}
