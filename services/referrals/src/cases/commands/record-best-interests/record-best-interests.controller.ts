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
import { RecordBestInterestsCommand } from './record-best-interests.command';
import { RecordBestInterestsBody } from './record-best-interests.dto';

@ApiTags('cases')
@Controller('referrals/cases')
export class RecordBestInterestsController {
  constructor(private readonly commandBus: CommandBus) {}

  /** Authorised by the handler (`referrals.case.assess` on the case's country, audited). */
  @Post(':caseId/best-interests')
  @HttpCode(200)
  @AuthenticatedOnly()
  @ApiBilingual({
    es: 'Registrar una evaluación o determinación del interés superior',
    en: 'Record a best-interests assessment or determination',
    detail: {
      es: 'Registra quién la hizo (institución y perfil), cuándo y su resultado; las recomendaciones se cifran con la clave de la niña o el niño y no se devuelven. Una determinación requiere una evaluación previa. Rol: gestión de casos o sistema nacional del país del caso.',
      en: "Records who conducted it (institution and role), when and its outcome; the recommendations are encrypted under the child's key and not answered. A determination needs a prior assessment. Role: the case country's case worker or national system.",
    },
  })
  @ApiIdempotencyKey()
  @ApiIfMatch()
  @ApiStandardErrors(404, 409, 422)
  record(
    @Param() params: CaseParams,
    @Body() body: RecordBestInterestsBody,
    @CurrentPrincipal() principal: Principal,
    @CommandMeta() meta: CommandOptions,
  ): Promise<CaseView> {
    return this.commandBus.execute(
      new RecordBestInterestsCommand(
        principal,
        {
          caseId: params.caseId,
          ...(body.recordId !== undefined && { recordId: body.recordId }),
          kind: body.kind,
          conductedBy: { institutionId: body.conductedBy.institutionId, role: body.conductedBy.role },
          conductedOn: body.conductedOn,
          outcome: body.outcome,
          recommendations: body.recommendations,
        },
        meta,
      ),
    );
  }
}
