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
import { InstitutionParams } from '../../dto';
import type { InstitutionView } from '../../institution-view';
import { UpdateInstitutionCommand } from './update-institution.command';
import { UpdateInstitutionBody } from './update-institution.dto';

@ApiTags('institutions')
@Controller('referrals/institutions')
export class UpdateInstitutionController {
  constructor(private readonly commandBus: CommandBus) {}

  /** Authorised by the handler (`referrals.institution.manage` on the id's country, audited). */
  @Patch(':id')
  @HttpCode(200)
  @AuthenticatedOnly()
  @ApiBilingual({
    es: 'Actualizar una institución del directorio',
    en: 'Update a directory institution',
    detail: {
      es: 'Cambia el nombre, el tipo o los puntos focales; se registra solo lo que cambia, como nueva versión. Un punto focal sin contacto conserva el registrado para esa persona. Rol: supervisión de protección o sistema nacional del país de la institución, o coordinación de la Secretaría Técnica.',
      en: "Changes the name, kind or focal points; only what changes is recorded, as a new version. A focal point without a contact keeps the one on file for that person. Role: the institution country's protection supervisor or national system, or the Technical Secretariat coordinator.",
    },
  })
  @ApiIdempotencyKey()
  @ApiIfMatch()
  @ApiStandardErrors(404, 409, 422)
  update(
    @Param() params: InstitutionParams,
    @Body() body: UpdateInstitutionBody,
    @CurrentPrincipal() principal: Principal,
    @CommandMeta() meta: CommandOptions,
  ): Promise<InstitutionView> {
    return this.commandBus.execute(
      new UpdateInstitutionCommand(principal, { institutionId: params.id, ...body }, meta),
    );
  }
}
