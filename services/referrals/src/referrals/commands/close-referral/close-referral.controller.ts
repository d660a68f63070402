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
import { CloseReferralCommand } from './close-referral.command';
import { CloseReferralBody } from './close-referral.dto';

/** Authorised by the handler against the stored referral (its countries and institutions). */
@ApiTags('referrals')
@Controller('referrals/referrals')
export class CloseReferralController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':referralId/close')
  @HttpCode(200)
  @AuthenticatedOnly()
  @ApiBilingual({
    es: 'Cerrar una referencia',
    en: 'Close a referral',
    detail: {
      es: 'La institución receptora cierra la referencia aceptada o en atención con su resultado (no con un traslado pendiente). Rol: gestor/a de casos de la institución receptora o sistema nacional de su país.',
      en: "The receiving institution closes the accepted or in-progress referral with its outcome (not while a transfer is pending). Role: case worker of the receiving institution or its country's national system.",
    },
  })
  @ApiIdempotencyKey()
  @ApiIfMatch()
  @ApiStandardErrors(403, 404, 409, 412, 422)
  handle(
    @Param() params: ReferralParams,
    @Body() body: CloseReferralBody,
    @CurrentPrincipal() principal: Principal,
    @CommandMeta() meta: CommandOptions,
  ): Promise<ReferralView> {
    return this.commandBus.execute(
      new CloseReferralCommand(principal, { ...body, referralId: params.referralId }, meta),
    );
  }
}
