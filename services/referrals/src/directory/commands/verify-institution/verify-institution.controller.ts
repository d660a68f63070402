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
import { VerifyInstitutionCommand } from './verify-institution.command';
import { VerifyInstitutionBody } from './verify-institution.dto';

@ApiTags('institutions')
@Controller('referrals/institutions')
export class VerifyInstitutionController {
  constructor(private readonly commandBus: CommandBus) {}

  /** Authorised by the handler (`referrals.institution.manage` on the id's country, audited). */
  @Post(':id/verify')
  @HttpCode(200)
  @AuthenticatedOnly()
  @ApiBilingual({
    es: 'Registrar la verificación de una institución',
    en: 'Record that an institution was verified',
    detail: {
      es: 'La entrada se comprobó de nuevo con la institución en la fecha indicada (no futura, no anterior a la última); deja de figurar como desactualizada. Mismos roles que para actualizarla.',
      en: 'The entry was checked again with the institution on the given date (not in the future, not before the last one); it no longer counts as stale. Same roles as for updating it.',
    },
  })
  @ApiIdempotencyKey()
  @ApiIfMatch()
  @ApiStandardErrors(404, 409, 422)
  verify(
    @Param() params: InstitutionParams,
    @Body() body: VerifyInstitutionBody,
    @CurrentPrincipal() principal: Principal,
    @CommandMeta() meta: CommandOptions,
  ): Promise<InstitutionView> {
    return this.commandBus.execute(
      new VerifyInstitutionCommand(
        principal,
        { institutionId: params.id, verifiedOn: body.verifiedOn },
        meta,
      ),
    );
  }
}
