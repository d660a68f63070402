import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { AuthenticatedOnly, CurrentPrincipal, type Principal } from '@crm/auth';
import {
  ApiBilingual,
  ApiIdempotencyKey,
  ApiIfMatch,
  ApiStandardErrors,
  CommandMeta,
  type CommandOptions,
} from '@crm/service-kit';
import { ReferralParams } from '../../referral-dto';
import type { ReferralView } from '../../referral-view';
import { ReportFollowUpCommand } from './report-follow-up.command';
import { ReportFollowUpBody } from './report-follow-up.dto';

/** Authorised by the handler against the stored referral (its countries and institutions). */
@ApiTags('referrals')
@Controller('referrals/referrals')
export class ReportFollowUpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':referralId/follow-ups')
  @HttpCode(200)
  @AuthenticatedOnly()
  @ApiBilingual({
    es: 'Informar un seguimiento',
    en: 'Report a follow-up',
    detail: {
      es: 'Cualquiera de los dos lados informa servicios planificados, brindados o no disponibles; el primero de la institución receptora en una referencia aceptada la pasa a «en atención». El mismo `followUpId` otra vez no registra nada si es idéntico; reintente con la misma `Idempotency-Key`. La nota se guarda cifrada con la clave de la niña, niño o adolescente. Rol: gestor/a de casos de la institución remitente o receptora, o el sistema nacional de su país.',
      en: "Either side reports services planned, provided or not available; the receiving institution's first one on an accepted referral moves it to in progress. The same `followUpId` again records nothing when identical; retry with the same `Idempotency-Key`. The note is stored encrypted under the child's key. Role: case worker of the sending or receiving institution, or its country's national system.",
    },
  })
  @ApiIdempotencyKey()
  @ApiIfMatch()
  @ApiStandardErrors(403, 404, 409, 412, 422)
  handle(
    @Param() params: ReferralParams,
    @Body() body: ReportFollowUpBody,
    @CurrentPrincipal() principal: Principal,
    @CommandMeta() meta: CommandOptions,
  ): Promise<ReferralView> {
    return this.commandBus.execute(new ReportFollowUpCommand(principal, { ...body, ...params }, meta));
  }
}
