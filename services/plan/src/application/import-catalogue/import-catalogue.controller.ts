import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@crm/auth';
import { RequireOperation } from '../../plan.policy';
import { ApiBilingual, ApiIdempotencyKey, ApiStandardErrors } from '../../http/api-docs';
import { CommandMeta } from '../../http/idempotency';
import { PlanCommands } from '../plan-commands.service';
import type { CatalogueSummary } from '../shared/catalogue-view';
import type { CommandOptions } from '../shared/command-context';
import { ImportCatalogueBody } from './import-catalogue.dto';

@ApiTags('catalogue')
@Controller('plan/catalogue')
export class ImportCatalogueController {
  constructor(private readonly commands: PlanCommands) {}

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
  @ApiStandardErrors(409, 422)
  import(
    @Body() body: ImportCatalogueBody,
    @CurrentPrincipal() principal: Principal,
    @CommandMeta() meta: CommandOptions,
  ): Promise<CatalogueSummary> {
    return this.commands.importCatalogue(
      principal,
      { catalogue: body.catalogue, ...(body.reason ? { reason: body.reason } : {}) },
      meta,
    );
  }
}
