import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@crm/auth';
import { RequireOperation } from '../../plan.policy';
import { ApiBilingual, ApiIdempotencyKey, ApiStandardErrors } from '../../http/api-docs';
import { CommandMeta } from '../../http/idempotency';
import { PlanCommands } from '../plan-commands.service';
import type { CommandOptions } from '../shared/command-context';
import { ReportParams } from '../shared/dto';
import type { ReportView } from '../shared/report-view';
import { ReopenReportBody } from './reopen-report.dto';

@ApiTags('reports')
@Controller('plan/reports')
export class ReopenReportController {
  constructor(private readonly commands: PlanCommands) {}

  @Post(':country/:activityId/:period/reopen')
  @HttpCode(200)
  @RequireOperation('plan.report.reopen', { country: 'params.country' })
  @ApiBilingual({
    es: 'Reabrir un informe aprobado',
    en: 'Reopen an approved report',
    detail: {
      es: 'Reabre un informe aprobado con un motivo (obligatorio); la versión aprobada se conserva y el informe queda marcado como modificado tras su aprobación. Rol: coordinación de la Secretaría Técnica.',
      en: 'Reopens an approved report with a reason (required); the approved version is kept and the report is marked as changed after approval. Role: Technical Secretariat coordinator.',
    },
  })
  @ApiIdempotencyKey()
  @ApiStandardErrors(404, 409, 422)
  reopen(
    @Param() params: ReportParams,
    @Body() body: ReopenReportBody,
    @CurrentPrincipal() principal: Principal,
    @CommandMeta() meta: CommandOptions,
  ): Promise<ReportView> {
    return this.commands.reopen(principal, { ...params, reason: body.reason }, meta);
  }
}
