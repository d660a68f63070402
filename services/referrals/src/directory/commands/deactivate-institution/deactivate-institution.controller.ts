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
import { InstitutionParams } from '../../dto';
import type { InstitutionView } from '../../institution-view';
import { DeactivateInstitutionCommand } from './deactivate-institution.command';
import { DeactivateInstitutionBody } from './deactivate-institution.dto';

@ApiTags('institutions')
@Controller('referrals/institutions')
export class DeactivateInstitutionController {
  constructor(private readonly commandBus: CommandBus) {}

  /** Authorised by the handler (`referrals.institution.manage` on the id's country, audited). */
  @Post(':id/deactivate')
  @HttpCode(200)
  @AuthenticatedOnly()
  @ApiBilingual({
    es: 'Desactivar una institución',
    en: 'Deactivate an institution',
    detail: {
      es: 'La institución deja de recibir referencias y casos nuevos (conserva su historia; puede reactivarse). Motivo: un código. Mismos roles que para actualizarla.',
      en: 'The institution stops receiving referrals and new cases (it keeps its history; it may be reactivated). Reason: a code. Same roles as for updating it.',
    },
  })
  @ApiIdempotencyKey()
  @ApiIfMatch()
  @ApiStandardErrors(404, 422)
  deactivate(
    @Param() params: InstitutionParams,
    @Body() body: DeactivateInstitutionBody,
    @CurrentPrincipal() principal: Principal,
    @CommandMeta() meta: CommandOptions,
  ): Promise<InstitutionView> {
    return this.commandBus.execute(
      new DeactivateInstitutionCommand(principal, { institutionId: params.id, reason: body.reason }, meta),
    );
  }
}
