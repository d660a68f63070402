import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@crm/auth';
import {
  ApiBilingual,
  ApiIdempotencyKey,
  ApiIfMatch,
  ApiStandardErrors,
  CommandMeta,
  type CommandOptions,
} from '@crm/service-kit';
import { RequireOperation } from '../../../referrals.policy';
import type { InstitutionView } from '../../institution-view';
import { RegisterInstitutionCommand } from './register-institution.command';
import { RegisterInstitutionBody } from './register-institution.dto';

@ApiTags('institutions')
@Controller('referrals/institutions')
export class RegisterInstitutionController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @HttpCode(201)
  @RequireOperation('referrals.institution.manage', { country: 'body.country' })
  @ApiBilingual({
    es: 'Registrar una institución en el directorio',
    en: 'Register an institution in the directory',
    detail: {
      es: 'Agrega una institución de protección de su país con sus dos puntos focales (recepción y suplente). El nombre, correo y teléfono de cada punto focal se cifran con la clave propia de la persona antes de guardarse; nunca se devuelven aquí. Rol: supervisión de protección o sistema nacional del país, o coordinación de la Secretaría Técnica.',
      en: "Adds a protection institution of your country with its two focal points (intake and backup). Each focal point's name, email and phone are encrypted under the person's own key before they are stored; they are never answered here. Role: the country's protection supervisor or national system, or the Technical Secretariat coordinator.",
    },
  })
  @ApiIdempotencyKey()
  @ApiIfMatch()
  @ApiStandardErrors(409, 422)
  register(
    @Body() body: RegisterInstitutionBody,
    @CurrentPrincipal() principal: Principal,
    @CommandMeta() meta: CommandOptions,
  ): Promise<InstitutionView> {
    return this.commandBus.execute(new RegisterInstitutionCommand(principal, { ...body }, meta));
  }
}
