import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { AuthenticatedOnly, CurrentPrincipal, type Principal } from '@crm/auth';
import {
  ApiBilingual,
  ApiIdempotencyKey,
  ApiStandardErrors,
  CommandMeta,
  type CommandOptions,
} from '@crm/service-kit';
import { EraseFocalPointCommand, type FocalPointErasure } from './erase-focal-point.command';
import { ErasureBody } from '../../../shared/erasure.dto';
import { FocalPointParams } from './erase-focal-point.dto';

@ApiTags('institutions')
@Controller('referrals/institutions')
export class EraseFocalPointController {
  constructor(private readonly commandBus: CommandBus) {}

  /** Authorised by the protector (`pii.erase` on the institution's country, audited). */
  @Post(':id/focal-points/:focalPointId/erasure')
  @HttpCode(200)
  @AuthenticatedOnly()
  @ApiBilingual({
    es: 'Borrar el contacto de un punto focal',
    en: "Erase a focal point's contact",
    detail: {
      es: 'Destruye la clave propia del punto focal: su nombre, correo y teléfono quedan ilegibles en todas las versiones de la entrada (borrado criptográfico); el borrado se registra con su motivo. La entrada muestra el contacto como borrado: nombre otro punto focal. Rol: gestión de casos del país de la institución (responsable de los datos) o administración de la plataforma.',
      en: "Destroys the focal point's own key: their name, email and phone become unreadable in every version of the entry (crypto-shredding); the erasure is recorded with its reason. The entry shows the contact as erased: name another focal point. Role: the institution country's case worker (data controller) or the platform administrator.",
    },
  })
  @ApiIdempotencyKey()
  @ApiStandardErrors(404)
  erase(
    @Param() params: FocalPointParams,
    @Body() body: ErasureBody,
    @CurrentPrincipal() principal: Principal,
    @CommandMeta() meta: CommandOptions,
  ): Promise<FocalPointErasure> {
    return this.commandBus.execute(
      new EraseFocalPointCommand(
        principal,
        { institutionId: params.id, focalPointId: params.focalPointId, reason: body.reason },
        meta,
      ),
    );
  }
}
