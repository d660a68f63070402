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
import type { CaseView } from '../../case-view';
import { CaseParams } from '../../dto';
import { CloseCaseCommand } from './close-case.command';
import { CloseCaseBody } from './close-case.dto';

@ApiTags('cases')
@Controller('referrals/cases')
export class CloseCaseController {
  constructor(private readonly commandBus: CommandBus) {}

  /** Authorised by the handler (`referrals.case.update` on the case's country, audited). */
  @Post(':caseId/close')
  @HttpCode(200)
  @AuthenticatedOnly()
  @ApiBilingual({
    es: 'Cerrar un caso',
    en: 'Close a case',
    detail: {
      es: 'Cierra el caso con su resultado (un código). Después solo se pueden corregir los datos identificativos y restringir o retirar consentimientos. Rol: gestión de casos o sistema nacional del país del caso.',
      en: "Closes the case with its outcome (a code). Afterwards only the identifying data can be corrected and consents narrowed or withdrawn. Role: the case country's case worker or national system.",
    },
  })
  @ApiIdempotencyKey()
  @ApiIfMatch()
  @ApiStandardErrors(404, 409, 422)
  close(
    @Param() params: CaseParams,
    @Body() body: CloseCaseBody,
    @CurrentPrincipal() principal: Principal,
    @CommandMeta() meta: CommandOptions,
  ): Promise<CaseView> {
    return this.commandBus.execute(
      new CloseCaseCommand(principal, { caseId: params.caseId, outcome: body.outcome }, meta),
    );
  }
}
