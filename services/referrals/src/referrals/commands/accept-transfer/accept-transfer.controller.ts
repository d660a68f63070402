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
import { TransferParams } from '../../referral-dto';
import type { ReferralView } from '../../referral-view';
import { AcceptTransferCommand } from './accept-transfer.command';
import { AcceptTransferBody } from './accept-transfer.dto';

/** Authorised by the handler against the stored referral (its countries and institutions). */
@ApiTags('referrals')
@Controller('referrals/referrals')
export class AcceptTransferController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':referralId/transfers/:transferId/accept')
  @HttpCode(200)
  @AuthenticatedOnly()
  @ApiBilingual({
    es: 'Aceptar el traslado de una referencia',
    en: 'Accept the transfer of a referral',
    detail: {
      es: 'La institución propuesta para el traslado lo acepta y pasa a ser la receptora (estado «aceptada»). Rol: gestor/a de casos de esa institución o sistema nacional de su país.',
      en: "The institution the transfer is proposed to accepts it and becomes the receiver (status accepted). Role: case worker of that institution or its country's national system.",
    },
  })
  @ApiIdempotencyKey()
  @ApiIfMatch()
  @ApiStandardErrors(403, 404, 409, 412, 422)
  handle(
    @Param() params: TransferParams,
    @Body() body: AcceptTransferBody,
    @CurrentPrincipal() principal: Principal,
    @CommandMeta() meta: CommandOptions,
  ): Promise<ReferralView> {
    return this.commandBus.execute(new AcceptTransferCommand(principal, { ...body, ...params }, meta));
  }
}
