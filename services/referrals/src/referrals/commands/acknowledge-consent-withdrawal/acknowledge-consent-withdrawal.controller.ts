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
import { AcknowledgeConsentWithdrawalCommand } from './acknowledge-consent-withdrawal.command';
import { AcknowledgeConsentWithdrawalBody } from './acknowledge-consent-withdrawal.dto';

/** Authorised by the handler against the stored referral (its countries and institutions). */
@ApiTags('referrals')
@Controller('referrals/referrals')
export class AcknowledgeConsentWithdrawalController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':referralId/consent-withdrawals/acknowledge')
  @HttpCode(200)
  @AuthenticatedOnly()
  @ApiBilingual({
    es: 'Acusar recibo del retiro del consentimiento',
    en: 'Acknowledge a consent withdrawal',
    detail: {
      es: 'La institución receptora confirma que tomó nota de todo retiro de consentimiento pendiente: ya no usará las categorías retiradas (su vista divulgada las muestra como «retiradas»). Cierra ese plazo. Rol: gestor/a de casos de la institución receptora o sistema nacional de su país.',
      en: "The receiving institution confirms it has taken note of every pending consent withdrawal: it no longer uses the withdrawn categories (its disclosed view shows them as withdrawn). Closes that deadline. Role: case worker of the receiving institution or its country's national system.",
    },
  })
  @ApiIdempotencyKey()
  @ApiIfMatch()
  @ApiStandardErrors(403, 404, 409, 412, 422)
  handle(
    @Param() params: ReferralParams,
    @Body() _body: AcknowledgeConsentWithdrawalBody,
    @CurrentPrincipal() principal: Principal,
    @CommandMeta() meta: CommandOptions,
  ): Promise<ReferralView> {
    return this.commandBus.execute(
      new AcknowledgeConsentWithdrawalCommand(principal, { referralId: params.referralId }, meta),
    );
  }
}
