import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@crm/auth';
import { RequireOperation } from '../../../plan.policy';
import { ApiBilingual, ApiIdempotencyKey, ApiStandardErrors, CommandMeta } from '@crm/service-kit';
import type { CatalogueSummary } from '../../catalogue-view';
import { ApiIfMatch } from '@crm/service-kit';
import type { CommandOptions } from '@crm/service-kit';
import { ImportCatalogueCommand } from './import-catalogue.command';
import { ImportCatalogueBody } from './import-catalogue.dto';

@ApiTags('catalogue')
@Controller('plan/catalogue')
export class ImportCatalogueController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post('import')
  @HttpCode(201)
  @RequireOperation('plan.catalogue.amend')
  @ApiBilingual({
    es: 'Importar el catálogo de un plan',
    en: "Import a plan's catalogue",
    detail: {
      es: 'Importa una sola vez el catálogo completo de un plan (el de 2017-2022 se importa al arrancar el servicio); después solo se admiten enmiendas (409). Rol: coordinación de la Secretaría Técnica.',
      en: "Imports a plan's whole catalogue once (the 2017-2022 one is imported when the service starts); afterwards only amendments are accepted (409). Role: Technical Secretariat coordinator.",
    },
  })
  @ApiIdempotencyKey()
  @ApiIfMatch()
  @ApiStandardErrors(409, 422)
  import(
    @Body() body: ImportCatalogueBody,
    @CurrentPrincipal() principal: Principal,
    @CommandMeta() meta: CommandOptions,
  ): Promise<CatalogueSummary> {
    return this.commandBus.execute(
      new ImportCatalogueCommand(
        principal,
        { catalogue: body.catalogue, ...(body.reason ? { reason: body.reason } : {}) },
        meta,
      ),
    );
  }
}
