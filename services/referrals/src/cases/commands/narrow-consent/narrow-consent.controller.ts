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
import { ConsentParams, scopeInput } from '../../dto';
import { NarrowConsentCommand } from './narrow-consent.command';
import { NarrowConsentBody } from './narrow-consent.dto';

@ApiTags('cases')
@Controller('referrals/cases')
export class NarrowConsentController {
  constructor(private readonly commandBus: CommandBus) {}

  /** Authorised by the handler (`referrals.case.consent` on the case's country, audited). */
  @Post(':caseId/consents/:consentId/narrow')
  @HttpCode(200)
  @AuthenticatedOnly()
  @ApiBilingual({
    es: 'Restringir un consentimiento',
    en: 'Narrow a consent',
    detail: {
      es: 'Reduce el alcance de un consentimiento: el nuevo alcance debe ser estrictamente menor (menos categorías, destinatarios o propósitos, o una fecha de fin anterior). También en un caso cerrado. Rol: gestión de casos o sistema nacional del país del caso.',
      en: "Reduces a consent's scope: the new scope must be strictly smaller (fewer categories, recipients or purposes, or an earlier end date). Also on a closed case. Role: the case country's case worker or national system.",
    },
  })
  @ApiIdempotencyKey()
  @ApiIfMatch()
  @ApiStandardErrors(404, 409, 422)
  narrow(
    @Param() params: ConsentParams,
    @Body() body: NarrowConsentBody,
    @CurrentPrincipal() principal: Principal,
    @CommandMeta() meta: CommandOptions,
  ): Promise<CaseView> {
    return this.commandBus.execute(
      new NarrowConsentCommand(
        principal,
        { caseId: params.caseId, consentId: params.consentId, scope: scopeInput(body.scope) },
        meta,
      ),
    );
  }
}
