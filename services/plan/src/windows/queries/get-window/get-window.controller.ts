import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { RequireOperation } from '../../../plan.policy';
import { ApiBilingual, ApiStandardErrors, NoQueryString } from '@crm/service-kit';
import { WindowParams } from '../../../shared/dto';
import { GetWindowQuery, type WindowInForce } from './get-window.query';

@ApiTags('windows')
@Controller('plan/windows')
export class GetWindowController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':period')
  @RequireOperation('plan.catalogue.read')
  @ApiBilingual({
    es: 'Ventana de informe vigente de un semestre',
    en: "A semester's reporting window in force",
    detail: {
      es: 'La ventana programada por la Secretaría Técnica o, si no hay, la regla por defecto (el mes siguiente al semestre). El semestre debe ser de un plan importado (422).',
      en: 'The window scheduled by the Technical Secretariat or, if none, the default rule (the month after the semester). The semester must belong to an imported plan (422).',
    },
  })
  @ApiStandardErrors(422)
  window(@Param() params: WindowParams, @Query() _query: NoQueryString): Promise<WindowInForce> {
    return this.queryBus.execute(new GetWindowQuery(params.period));
  }
}
