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
import { AcceptReferralCommand } from './accept-referral.command';
import { AcceptReferralBody } from './accept-referral.dto';

/** Authorised by the handler against the stored referral (its countries and institutions). */
@ApiTags('referrals')
@Controller('referrals/referrals')
export class AcceptReferralController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':referralId/accept')
  @HttpCode(200)
  @AuthenticatedOnly()
  @ApiBilingual({
    es: 'Aceptar una referencia',
    en: 'Accept a referral',
    detail: {
      es: 'La institución receptora acepta la responsabilidad del caso (desde «solicitada» registra también el acuse). Rol: gestor/a de casos de la institución receptora o sistema nacional de su país.',
      en: "The receiving institution accepts responsibility for the case (from requested it also records the acknowledgement). Role: case worker of the receiving institution or its country's national system.",
    },
  })
  @ApiIdempotencyKey()
  @ApiIfMatch()
  @ApiStandardErrors(403, 404, 409, 412, 422)
  handle(
    @Param() params: ReferralParams,
    @Body() _body: AcceptReferralBody,
    @CurrentPrincipal() principal: Principal,
    @CommandMeta() meta: CommandOptions,
  ): Promise<ReferralView> {
    return this.commandBus.execute(
      new AcceptReferralCommand(principal, { referralId: params.referralId }, meta),
    );
  }
}
