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
import { RecordInterviewCommand } from './record-interview.command';
import { RecordInterviewBody } from './record-interview.dto';

@ApiTags('cases')
@Controller('referrals/cases')
export class RecordInterviewController {
  constructor(private readonly commandBus: CommandBus) {}

  /** Authorised by the handler (`referrals.case.interview` on the case's country, audited). */
  @Post(':caseId/interviews')
  @HttpCode(200)
  @AuthenticatedOnly()
  @ApiBilingual({
    es: 'Registrar una entrevista',
    en: 'Record an interview',
    detail: {
      es: 'Registra que una institución entrevistó a la niña o el niño (sin contenido): desde 3 entrevistas el caso muestra una advertencia para no revictimizarla/o. Rol: gestión de casos o sistema nacional del país del caso.',
      en: "Records that an institution interviewed the child (no content): from 3 interviews on, the case shows a warning so as not to re-victimise them. Role: the case country's case worker or national system.",
    },
  })
  @ApiIdempotencyKey()
  @ApiIfMatch()
  @ApiStandardErrors(404, 409, 422)
  record(
    @Param() params: CaseParams,
    @Body() body: RecordInterviewBody,
    @CurrentPrincipal() principal: Principal,
    @CommandMeta() meta: CommandOptions,
  ): Promise<CaseView> {
    return this.commandBus.execute(
      new RecordInterviewCommand(
        principal,
        {
          caseId: params.caseId,
          ...(body.interviewId !== undefined && { interviewId: body.interviewId }),
          institutionId: body.institutionId,
          conductedOn: body.conductedOn,
          purpose: body.purpose,
        },
        meta,
      ),
    );
  }
}
