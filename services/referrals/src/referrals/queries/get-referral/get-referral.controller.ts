import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { AuthenticatedOnly, CurrentPrincipal, type Principal } from '@crm/auth';
import { ApiBilingual, ApiStandardErrors, NoQueryString } from '@crm/service-kit';
import { ReferralParams } from '../../referral-dto';
import type { ReferralStatusView, ReferralView } from '../../referral-view';
import { GetReferralQuery } from './get-referral.query';

/** Authorised by the handler against the stored referral (its countries and institutions). */
@ApiTags('referrals')
@Controller('referrals/referrals')
export class GetReferralController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':referralId')
  @AuthenticatedOnly()
  @ApiBilingual({
    es: 'Consultar una referencia',
    en: 'Read a referral',
    detail: {
      es: 'Estado actual de la referencia (pliegue de su flujo de eventos): estado y su código FHIR, instituciones, categorías compartidas y retiradas, plazos, seguimientos (sin notas) y las acciones que usted puede hacer ahora; `revision` es la que se envía en `If-Match`. Ningún dato de la niña, niño o adolescente: eso es la vista divulgada. Las instituciones remitente y receptora (su personal o su sistema nacional, la supervisión, el consulado); la Secretaría Técnica ve solo estados, partes y plazos. Otros países: 403.',
      en: "The referral's current state (fold of its event stream): status and its FHIR code, institutions, shared and withdrawn categories, deadlines, follow-ups (without notes) and the actions you may take now; `revision` is what to send in `If-Match`. None of the child's data: that is the disclosed view. The sending and receiving institutions (their staff or national system, supervisors, consulates); the Technical Secretariat sees statuses, parties and deadlines only. Other countries: 403.",
    },
  })
  @ApiStandardErrors(403, 404, 422)
  referral(
    @Param() params: ReferralParams,
    @Query() _query: NoQueryString,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ReferralView | ReferralStatusView> {
    return this.queryBus.execute(new GetReferralQuery(principal, params.referralId));
  }
}
