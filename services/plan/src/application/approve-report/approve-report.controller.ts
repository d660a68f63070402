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
import { ApproveReportBody } from './approve-report.dto';

@ApiTags('reports')
@Controller('plan/reports')
export class ApproveReportController {
  constructor(private readonly commands: PlanCommands) {}

  @Post(':country/:activityId/:period/approve')
  @HttpCode(200)
  @RequireOperation('plan.report.approve', { country: 'params.country' })
  @ApiBilingual({
    es: 'Aprobar un informe enviado',
    en: 'Approve a submitted report',
    detail: {
      es: 'Aprueba el informe enviado y lo bloquea; se guarda como nueva versión aprobada. Rol: coordinación de la Secretaría Técnica.',
      en: 'Approves the submitted report and locks it; it is kept as a new approved version. Role: Technical Secretariat coordinator.',
    },
  })
  @ApiIdempotencyKey()
  @ApiStandardErrors(404, 409, 422)
  approve(
    @Param() params: ReportParams,
    @Body() body: ApproveReportBody,
    @CurrentPrincipal() principal: Principal,
    @CommandMeta() meta: CommandOptions,
  ): Promise<ReportView> {
    return this.commands.approve(
      principal,
      { ...params, ...(body.comments ? { comments: body.comments } : {}) },
      meta,
    );
  }
}
