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
import { RequestTransferCommand } from './request-transfer.command';
import { RequestTransferBody } from './request-transfer.dto';

/** Authorised by the handler against the stored referral (its countries and institutions). */
@ApiTags('referrals')
@Controller('referrals/referrals')
export class RequestTransferController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':referralId/transfers')
  @HttpCode(200)
  @AuthenticatedOnly()
  @ApiBilingual({
    es: 'Solicitar el traslado de una referencia',
    en: 'Request the transfer of a referral',
    detail: {
      es: 'La institución receptora propone entregar la referencia a una institución activa de un tercer país (ni el remitente ni el propio); el traslado lleva solo las categorías aún compartidas. La nota se guarda cifrada con la clave de la niña, niño o adolescente. Rol: gestor/a de casos de la institución receptora o sistema nacional de su país.',
      en: "The receiving institution proposes to hand the referral over to an active institution of a third country (neither the sender's nor its own); the transfer carries only the still-shared categories. The note is stored encrypted under the child's key. Role: case worker of the receiving institution or its country's national system.",
    },
  })
  @ApiIdempotencyKey()
  @ApiIfMatch()
  @ApiStandardErrors(403, 404, 409, 412, 422)
  handle(
    @Param() params: ReferralParams,
    @Body() body: RequestTransferBody,
    @CurrentPrincipal() principal: Principal,
    @CommandMeta() meta: CommandOptions,
  ): Promise<ReferralView> {
    return this.commandBus.execute(new RequestTransferCommand(principal, { ...body, ...params }, meta));
  }
}
