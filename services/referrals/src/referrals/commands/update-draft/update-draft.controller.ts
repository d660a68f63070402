import { Body, Controller, HttpCode, Param, Patch } from '@nestjs/common';
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
import { UpdateDraftCommand } from './update-draft.command';
import { UpdateDraftBody } from './update-draft.dto';

/** Authorised by the handler against the stored referral (its countries and institutions). */
@ApiTags('referrals')
@Controller('referrals/referrals')
export class UpdateDraftController {
  constructor(private readonly commandBus: CommandBus) {}

  @Patch(':referralId')
  @HttpCode(200)
  @AuthenticatedOnly()
  @ApiBilingual({
    es: 'Modificar el borrador de una referencia',
    en: 'Amend a referral draft',
    detail: {
      es: 'La institución remitente cambia la institución receptora (activa, de otro país), los servicios, las categorías de datos o la urgencia de su borrador; lo que no cambia nada no registra nada. Rol: gestor/a de casos de la institución remitente o sistema nacional de su país.',
      en: "The sending institution changes the receiving institution (active, of another country), the services, the data categories or the urgency of its draft; an amendment that changes nothing records nothing. Role: case worker of the sending institution or its country's national system.",
    },
  })
  @ApiIdempotencyKey()
  @ApiIfMatch()
  @ApiStandardErrors(403, 404, 409, 412, 422)
  handle(
    @Param() params: ReferralParams,
    @Body() body: UpdateDraftBody,
    @CurrentPrincipal() principal: Principal,
    @CommandMeta() meta: CommandOptions,
  ): Promise<ReferralView> {
    return this.commandBus.execute(new UpdateDraftCommand(principal, { ...body, ...params }, meta));
  }
}
