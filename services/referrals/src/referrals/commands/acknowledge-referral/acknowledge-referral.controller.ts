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
import { AcknowledgeReferralCommand } from './acknowledge-referral.command';
import { AcknowledgeReferralBody } from './acknowledge-referral.dto';

/** Authorised by the handler against the stored referral (its countries and institutions). */
@ApiTags('referrals')
@Controller('referrals/referrals')
export class AcknowledgeReferralController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':referralId/acknowledge')
  @HttpCode(200)
  @AuthenticatedOnly()
  @ApiBilingual({
    es: 'Acusar recibo de una referencia',
    en: 'Acknowledge a referral',
    detail: {
      es: 'La institución receptora acusa recibo de la referencia enviada (FHIR: received); cierra el plazo de acuse. Rol: gestor/a de casos de la institución receptora o sistema nacional de su país.',
      en: "The receiving institution acknowledges the sent referral (FHIR: received); closes the acknowledgement deadline. Role: case worker of the receiving institution or its country's national system.",
    },
  })
  @ApiIdempotencyKey()
  @ApiIfMatch()
  @ApiStandardErrors(403, 404, 409, 412, 422)
  handle(
    @Param() params: ReferralParams,
    @Body() _body: AcknowledgeReferralBody,
    @CurrentPrincipal() principal: Principal,
    @CommandMeta() meta: CommandOptions,
  ): Promise<ReferralView> {
    return this.commandBus.execute(
      new AcknowledgeReferralCommand(principal, { referralId: params.referralId }, meta),
    );
  }
}
