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
import type { CaseView } from '../../case-view';
import { CaseParams } from '../../dto';
import { CorrectIdentifyingDataCommand } from './correct-identifying-data.command';
import { CorrectIdentifyingDataBody } from './correct-identifying-data.dto';

@ApiTags('cases')
@Controller('referrals/cases')
export class CorrectIdentifyingDataController {
  constructor(private readonly commandBus: CommandBus) {}

  /** Authorised by the handler (`referrals.case.update` on the case's country, audited). */
  @Patch(':caseId/identifying')
  @HttpCode(200)
  @AuthenticatedOnly()
  @ApiBilingual({
    es: 'Corregir los datos identificativos',
    en: 'Correct the identifying data',
    detail: {
      es: 'Fija los campos indicados (cifrados con la clave de la niña o el niño) y borra los listados en `remove`; también en un caso cerrado. La respuesta no contiene los valores. Rol: gestión de casos o sistema nacional del país del caso.',
      en: "Sets the given fields (encrypted under the child's key) and removes those listed in `remove`; also on a closed case. The answer does not contain the values. Role: the case country's case worker or national system.",
    },
  })
  @ApiIdempotencyKey()
  @ApiIfMatch()
  @ApiStandardErrors(404, 409, 422)
  correct(
    @Param() params: CaseParams,
    @Body() body: CorrectIdentifyingDataBody,
    @CurrentPrincipal() principal: Principal,
    @CommandMeta() meta: CommandOptions,
  ): Promise<CaseView> {
    return this.commandBus.execute(
      new CorrectIdentifyingDataCommand(
        principal,
        {
          caseId: params.caseId,
          ...(body.identifying !== undefined && { identifying: body.identifying }),
          ...(body.remove !== undefined && { remove: body.remove }),
        },
        meta,
      ),
    );
  }
}
