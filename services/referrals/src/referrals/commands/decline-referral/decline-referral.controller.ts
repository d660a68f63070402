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
import { DeclineReferralCommand } from './decline-referral.command';
import { DeclineReferralBody } from './decline-referral.dto';

/** Authorised by the handler against the stored referral (its countries and institutions). */
@ApiTags('referrals')
@Controller('referrals/referrals')
export class DeclineReferralController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':referralId/decline')
  @HttpCode(200)
  @AuthenticatedOnly()
  @ApiBilingual({
    es: 'Rechazar una referencia',
    en: 'Decline a referral',
    detail: {
      es: 'La institución receptora rechaza la referencia solicitada o recibida (FHIR: rejected) con un código de motivo y, opcionalmente, una nota (obligatoria con «other»). La nota se guarda cifrada con la clave de la niña, niño o adolescente. Rol: gestor/a de casos de la institución receptora o sistema nacional de su país.',
      en: 'The receiving institution declines the requested or acknowledged referral (FHIR: rejected) with a reason code and, optionally, a note (required with "other"). The note is stored encrypted under the child\'s key. Role: case worker of the receiving institution or its country\'s national system.',
    },
  })
  @ApiIdempotencyKey()
  @ApiIfMatch()
  @ApiStandardErrors(403, 404, 409, 412, 422)
  handle(
    @Param() params: ReferralParams,
    @Body() body: DeclineReferralBody,
    @CurrentPrincipal() principal: Principal,
    @CommandMeta() meta: CommandOptions,
  ): Promise<ReferralView> {
    return this.commandBus.execute(new DeclineReferralCommand(principal, { ...body, ...params }, meta));
  }
}
