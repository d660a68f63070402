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
import { CaseParams, scopeInput } from '../../dto';
import { RecordConsentCommand } from './record-consent.command';
import { RecordConsentBody } from './record-consent.dto';

@ApiTags('cases')
@Controller('referrals/cases')
export class RecordConsentController {
  constructor(private readonly commandBus: CommandBus) {}

  /** Authorised by the handler (`referrals.case.consent` on the case's country, audited). */
  @Post(':caseId/consents')
  @HttpCode(200)
  @AuthenticatedOnly()
  @ApiBilingual({
    es: 'Registrar un consentimiento',
    en: 'Record a consent',
    detail: {
      es: 'El consentimiento o asentimiento de la niña o el niño, o el consentimiento de su madre, padre o tutor: qué categorías de datos, a qué países o instituciones, para qué servicios y hasta qué fecha. Un asentimiento requiere también el consentimiento del tutor. Rol: gestión de casos o sistema nacional del país del caso.',
      en: "The child's consent or assent, or their parent's or guardian's consent: which data categories, to which countries or institutions, for which services and until which date. An assent also needs the guardian's consent. Role: the case country's case worker or national system.",
    },
  })
  @ApiIdempotencyKey()
  @ApiIfMatch()
  @ApiStandardErrors(404, 409, 422)
  record(
    @Param() params: CaseParams,
    @Body() body: RecordConsentBody,
    @CurrentPrincipal() principal: Principal,
    @CommandMeta() meta: CommandOptions,
  ): Promise<CaseView> {
    return this.commandBus.execute(
      new RecordConsentCommand(
        principal,
        {
          caseId: params.caseId,
          ...(body.consentId !== undefined && { consentId: body.consentId }),
          givenBy: body.givenBy,
          form: body.form,
          scope: scopeInput(body.scope),
        },
        meta,
      ),
    );
  }
}
