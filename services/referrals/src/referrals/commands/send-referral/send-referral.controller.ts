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
import { SendReferralCommand } from './send-referral.command';
import { SendReferralBody } from './send-referral.dto';

/** Authorised by the handler against the stored referral (its countries and institutions). */
@ApiTags('referrals')
@Controller('referrals/referrals')
export class SendReferralController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':referralId/send')
  @HttpCode(200)
  @AuthenticatedOnly()
  @ApiBilingual({
    es: 'Enviar una referencia',
    en: 'Send a referral',
    detail: {
      es: 'La institución remitente envía el borrador. La base de la divulgación se calcula del caso: las categorías solicitadas que un consentimiento vigente cubre para la institución receptora y los servicios solicitados; las demás no se comparten. Si ninguna está cubierta, solo la supervisión de protección puede enviarla con una excepción (`override`: motivo y nota opcional, cifrada), que se registra y se muestra a la receptora. Los plazos salen de la política del par de países. Rol: gestor/a de casos de la institución remitente o sistema nacional; con `override`, supervisión de protección (`referrals.referral.override`).',
      en: "The sending institution sends the draft. The basis of the disclosure is computed from the case: the requested categories a current consent covers for the receiving institution and the requested services; the others are not shared. When none is covered only a protection supervisor can send it with an override (`override`: a reason and an optional note, encrypted), recorded and shown to the receiver. The deadlines come from the country pair's policy. Role: case worker of the sending institution or national system; with `override`, protection supervisor (`referrals.referral.override`).",
    },
  })
  @ApiIdempotencyKey()
  @ApiIfMatch()
  @ApiStandardErrors(403, 404, 409, 412, 422)
  handle(
    @Param() params: ReferralParams,
    @Body() body: SendReferralBody,
    @CurrentPrincipal() principal: Principal,
    @CommandMeta() meta: CommandOptions,
  ): Promise<ReferralView> {
    return this.commandBus.execute(new SendReferralCommand(principal, { ...body, ...params }, meta));
  }
}
