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
import { ReactivateInstitutionCommand } from './reactivate-institution.command';
import { ReactivateInstitutionBody } from './reactivate-institution.dto';

@ApiTags('institutions')
@Controller('referrals/institutions')
export class ReactivateInstitutionController {
  constructor(private readonly commandBus: CommandBus) {}

  /** Authorised by the handler (`referrals.institution.manage` on the id's country, audited). */
  @Post(':id/reactivate')
  @HttpCode(200)
  @AuthenticatedOnly()
  @ApiBilingual({
    es: 'Reactivar una institución',
    en: 'Reactivate an institution',
    detail: {
      es: 'Una institución desactivada vuelve a recibir referencias. Mismos roles que para actualizarla.',
      en: 'A deactivated institution receives referrals again. Same roles as for updating it.',
    },
  })
  @ApiIdempotencyKey()
  @ApiIfMatch()
  @ApiStandardErrors(404, 422)
  reactivate(
    @Param() params: InstitutionParams,
    @Body() _body: ReactivateInstitutionBody,
    @CurrentPrincipal() principal: Principal,
    @CommandMeta() meta: CommandOptions,
  ): Promise<InstitutionView> {
    return this.commandBus.execute(
      new ReactivateInstitutionCommand(principal, { institutionId: params.id }, meta),
    );
  }
}
