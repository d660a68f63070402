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
import { RevokeReferralCommand } from './revoke-referral.command';
import { RevokeReferralBody } from './revoke-referral.dto';

/** Authorised by the handler against the stored referral (its countries and institutions). */
@ApiTags('referrals')
@Controller('referrals/referrals')
export class RevokeReferralController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':referralId/revoke')
  @HttpCode(200)
  @AuthenticatedOnly()
  @ApiBilingual({
    es: 'Revocar una referencia',
    en: 'Revoke a referral',
    detail: {
      es: 'La institución remitente retira la referencia enviada (FHIR: cancelled) con un código de motivo y una nota opcional (obligatoria con «other»); un traslado pendiente caduca. La nota se guarda cifrada con la clave de la niña, niño o adolescente. Rol: gestor/a de casos de la institución remitente o sistema nacional de su país.',
      en: 'The sending institution withdraws the sent referral (FHIR: cancelled) with a reason code and an optional note (required with "other"); a pending transfer lapses. The note is stored encrypted under the child\'s key. Role: case worker of the sending institution or its country\'s national system.',
    },
  })
  @ApiIdempotencyKey()
  @ApiIfMatch()
  @ApiStandardErrors(403, 404, 409, 412, 422)
  handle(
    @Param() params: ReferralParams,
    @Body() body: RevokeReferralBody,
    @CurrentPrincipal() principal: Principal,
    @CommandMeta() meta: CommandOptions,
  ): Promise<ReferralView> {
    return this.commandBus.execute(new RevokeReferralCommand(principal, { ...body, ...params }, meta));
  }
}
