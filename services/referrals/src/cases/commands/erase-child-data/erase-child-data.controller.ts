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
import { ErasureBody } from '../../../shared/erasure.dto';
import { CaseParams } from '../../dto';
import { EraseChildDataCommand, type ChildDataErasure } from './erase-child-data.command';

@ApiTags('cases')
@Controller('referrals/cases')
export class EraseChildDataController {
  constructor(private readonly commandBus: CommandBus) {}

  /** Authorised by the handler and the protector (`pii.erase` on the case's country, audited). */
  @Post(':caseId/erasure')
  @HttpCode(200)
  @AuthenticatedOnly()
  @ApiBilingual({
    es: 'Borrar los datos personales de una niña, niño o adolescente',
    en: "Erase a child's personal data",
    detail: {
      es: 'Borrado criptográfico: destruye la clave propia de la niña o el niño; sus datos identificativos y las recomendaciones quedan ilegibles en toda la historia, que no se modifica y sigue verificándose. Toda vista muestra en adelante `{ "erased": true }`. Se registra quién, cuándo y por qué. Rol: gestión de casos del país del caso (responsable de los datos) o administración de la plataforma.',
      en: 'Crypto-shredding: destroys the child\'s own key; their identifying data and the recommendations become unreadable throughout the history, which is not changed and still verifies. Every view shows `{ "erased": true }` from then on. Who, when and why is recorded. Role: the case country\'s case worker (data controller) or the platform administrator.',
    },
  })
  @ApiIdempotencyKey()
  @ApiStandardErrors(404)
  erase(
    @Param() params: CaseParams,
    @Body() body: ErasureBody,
    @CurrentPrincipal() principal: Principal,
    @CommandMeta() meta: CommandOptions,
  ): Promise<ChildDataErasure> {
    return this.commandBus.execute(
      new EraseChildDataCommand(principal, { caseId: params.caseId, reason: body.reason }, meta),
    );
  }
}
