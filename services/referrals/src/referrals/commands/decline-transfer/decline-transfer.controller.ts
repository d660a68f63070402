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
import { DeclineTransferCommand } from './decline-transfer.command';
import { DeclineTransferBody } from './decline-transfer.dto';

/** Authorised by the handler against the stored referral (its countries and institutions). */
@ApiTags('referrals')
@Controller('referrals/referrals')
export class DeclineTransferController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':referralId/transfers/:transferId/decline')
  @HttpCode(200)
  @AuthenticatedOnly()
  @ApiBilingual({
    es: 'Rechazar el traslado de una referencia',
    en: 'Decline the transfer of a referral',
    detail: {
      es: 'La institución propuesta para el traslado lo rechaza con un código de motivo y una nota opcional (obligatoria con «other»); la receptora conserva la referencia. La nota se guarda cifrada con la clave de la niña, niño o adolescente. Rol: gestor/a de casos de esa institución o sistema nacional de su país.',
      en: 'The institution the transfer is proposed to declines it with a reason code and an optional note (required with "other"); the receiver keeps the referral. The note is stored encrypted under the child\'s key. Role: case worker of that institution or its country\'s national system.',
    },
  })
  @ApiIdempotencyKey()
  @ApiIfMatch()
  @ApiStandardErrors(403, 404, 409, 412, 422)
  handle(
    @Param() params: TransferParams,
    @Body() body: DeclineTransferBody,
    @CurrentPrincipal() principal: Principal,
    @CommandMeta() meta: CommandOptions,
  ): Promise<ReferralView> {
    return this.commandBus.execute(new DeclineTransferCommand(principal, { ...body, ...params }, meta));
  }
}
