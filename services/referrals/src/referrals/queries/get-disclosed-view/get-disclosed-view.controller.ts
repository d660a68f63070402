import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { AuthenticatedOnly, CurrentPrincipal, type Principal } from '@crm/auth';
import { ApiBilingual, ApiStandardErrors } from '@crm/service-kit';
import { ReferralParams } from '../../referral-dto';
import type { DisclosedReferralView } from './disclosed-referral-view';
import { DisclosedViewQueryString } from './get-disclosed-view.dto';
import { GetDisclosedViewQuery } from './get-disclosed-view.query';

/** Authorised by the handler against the stored referral (its countries and institutions). */
@ApiTags('referrals')
@Controller('referrals/referrals')
export class GetDisclosedViewController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':referralId/disclosed-view')
  @AuthenticatedOnly()
  @ApiBilingual({
    es: 'Vista divulgada del caso para la institución receptora',
    en: "The receiving institution's disclosed view of the case",
    detail: {
      es: 'Lo que la institución receptora puede ver del caso para una finalidad (uno de los servicios solicitados): solo las categorías que la referencia compartió, que su rol permite y que el consentimiento cubre hoy (o una excepción, que se muestra con su motivo); las categorías retiradas aparecen como «withdrawn» y sus datos no se muestran. Los datos identificativos se descifran solo para las categorías divulgadas y cada consulta queda en el registro de accesos del caso (quién, cuándo, qué caso, para qué). Incluye las evaluaciones previas del interés superior (bajo consentimiento) y el número de entrevistas, con un aviso a partir del umbral. Rol: personal de la institución receptora, su sistema nacional o su consulado.',
      en: 'What the receiving institution may see of the case for one purpose (one of the requested services): only the categories the referral shared, its role allows and a consent covers today (or an override, shown with its reason); withdrawn categories show as "withdrawn" and their data is refused. Identifying data is decrypted only for the disclosed categories and each view is recorded in the case\'s access log (who, when, which case, why). Includes prior best-interests assessments (under consent) and the number of interviews, with a warning from the threshold. Role: staff of the receiving institution, its national system or consulate.',
    },
  })
  @ApiStandardErrors(400, 403, 404, 409, 422)
  view(
    @Param() params: ReferralParams,
    @Query() query: DisclosedViewQueryString,
    @CurrentPrincipal() principal: Principal,
  ): Promise<DisclosedReferralView> {
    return this.queryBus.execute(new GetDisclosedViewQuery(principal, params.referralId, query.purpose));
  }
}
