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
import { MarkEnteredInErrorCommand } from './mark-entered-in-error.command';
import { MarkEnteredInErrorBody } from './mark-entered-in-error.dto';

/** Authorised by the handler against the stored referral (its countries and institutions). */
@ApiTags('referrals')
@Controller('referrals/referrals')
export class MarkEnteredInErrorController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':referralId/entered-in-error')
  @HttpCode(200)
  @AuthenticatedOnly()
  @ApiBilingual({
    es: 'Marcar una referencia como registrada por error',
    en: 'Mark a referral entered in error',
    detail: {
      es: 'La institución remitente declara que la referencia (borrador o solicitada) nunca debió existir, con un código de motivo y una nota opcional (obligatoria con «other»). La nota se guarda cifrada con la clave de la niña, niño o adolescente. Rol: gestor/a de casos de la institución remitente o sistema nacional de su país.',
      en: 'The sending institution declares that the referral (draft or requested) should never have existed, with a reason code and an optional note (required with "other"). The note is stored encrypted under the child\'s key. Role: case worker of the sending institution or its country\'s national system.',
    },
  })
  @ApiIdempotencyKey()
  @ApiIfMatch()
  @ApiStandardErrors(403, 404, 409, 412, 422)
  handle(
    @Param() params: ReferralParams,
    @Body() body: MarkEnteredInErrorBody,
    @CurrentPrincipal() principal: Principal,
    @CommandMeta() meta: CommandOptions,
  ): Promise<ReferralView> {
    return this.commandBus.execute(new MarkEnteredInErrorCommand(principal, { ...body, ...params }, meta));
  }
}
