import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { ApiBilingual, ApiStandardErrors, NoQueryString } from '@crm/service-kit';
import { RequireOperation } from '../../../referrals.policy';
import { CountryPairParams } from '../../commands/configure-deadlines/configure-deadlines.dto';
import type { DeadlinePolicyView } from '../../deadline-policy-reader';
import { GetDeadlinePolicyQuery, READ_DEADLINES_OPERATION } from './get-deadline-policy.query';

@ApiTags('deadline-policies')
@Controller('referrals/deadline-policies')
export class GetDeadlinePolicyController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':from/:to')
  @RequireOperation(READ_DEADLINES_OPERATION, { country: 'params.from', addressedTo: 'params.to' })
  @ApiBilingual({
    es: 'Plazos vigentes de las referencias entre dos países',
    en: 'The deadlines in force for referrals between two countries',
    detail: {
      es: 'Los configurados por la Secretaría Técnica o, si no hay, los de por defecto (48 h para acusar recibo, 168 h para decidir, 48 h para acusar un retiro del consentimiento). Para quien lee referencias de cualquiera de los dos países y para la Secretaría.',
      en: 'Those the Technical Secretariat configured or, if none, the defaults (48 h to acknowledge, 168 h to decide, 48 h to acknowledge a consent withdrawal). For whoever reads referrals of either country, and the Secretariat.',
    },
  })
  @ApiStandardErrors(422)
  policy(@Param() params: CountryPairParams, @Query() _query: NoQueryString): Promise<DeadlinePolicyView> {
    return this.queryBus.execute(new GetDeadlinePolicyQuery(params.from, params.to));
  }
}
