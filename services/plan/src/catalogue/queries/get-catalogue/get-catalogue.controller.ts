import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { RequireOperation } from '../../../plan.policy';
import { ApiBilingual, ApiStandardErrors } from '@crm/service-kit';
import { instantOrThrow } from '../../../review/errors';
import { CatalogueQueryString } from './get-catalogue.dto';
import { GetCatalogueQuery, type CatalogueDocument } from './get-catalogue.query';

@ApiTags('catalogue')
@Controller('plan/catalogue')
export class GetCatalogueController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @RequireOperation('plan.catalogue.read')
  @ApiBilingual({
    es: 'Consultar el catálogo del plan',
    en: "Read the plan's catalogue",
    detail: {
      es: 'Objetivos, resultados y actividades del plan `?plan=<id>` (p. ej. 2023-2027; por defecto el plan importado al arrancar); con `?version=N`, el catálogo tal como era en esa versión; con `?asOf=<instante ISO 8601>`, tal como estaba en ese instante (versión y actividades). Todos los usuarios autenticados.',
      en: 'Objectives, results and activities of plan `?plan=<id>` (e.g. 2023-2027; default: the plan imported at start); with `?version=N`, the catalogue as it was at that version; with `?asOf=<ISO 8601 instant>`, as it stood at that instant (version and activities). Every authenticated user.',
    },
  })
  @ApiStandardErrors(404)
  catalogue(@Query() query: CatalogueQueryString): Promise<CatalogueDocument> {
    const asOf = instantOrThrow(query.asOf, 'asOf', false);
    return this.queryBus.execute(
      new GetCatalogueQuery({
        ...(query.plan ? { planId: query.plan } : {}),
        ...(query.version !== undefined ? { version: query.version } : {}),
        ...(asOf ? { asOf } : {}),
      }),
    );
  }
}
