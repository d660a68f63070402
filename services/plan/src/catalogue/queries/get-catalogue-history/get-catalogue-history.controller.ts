import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { RequireOperation } from '../../../plan.policy';
import { ApiBilingual, ApiStandardErrors } from '@crm/service-kit';
import { PlanQueryString } from '../../../shared/dto';
import { GetCatalogueHistoryQuery, type CatalogueHistory } from './get-catalogue-history.query';

@ApiTags('catalogue')
@Controller('plan/catalogue')
export class GetCatalogueHistoryController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get('history')
  @RequireOperation('plan.catalogue.read')
  @ApiBilingual({
    es: 'Historial de versiones del catálogo',
    en: 'Version history of the catalogue',
    detail: {
      es: 'Cada versión del catálogo del plan `?plan=` (por defecto el importado al arrancar): la importación y cada enmienda con su motivo, autor, fecha y cambio.',
      en: 'Every catalogue version of plan `?plan=` (default: the one imported at start): the import and each amendment with its reason, author, date and change.',
    },
  })
  @ApiStandardErrors(404)
  history(@Query() query: PlanQueryString): Promise<CatalogueHistory> {
    return this.queryBus.execute(new GetCatalogueHistoryQuery(query.plan));
  }
}
