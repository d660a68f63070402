import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@crm/auth';
import { RequireOperation } from '../../../plan.policy';
import { ApiBilingual, ApiIdempotencyKey, ApiStandardErrors, CommandMeta } from '@crm/service-kit';
import { ApiIfMatch } from '@crm/service-kit';
import type { CommandOptions } from '@crm/service-kit';
import { ReportParams } from '../../../shared/dto';
import type { ReportView } from '../../report-view';
import { ApproveReportCommand } from './approve-report.command';
import { ApproveReportBody } from './approve-report.dto';

@ApiTags('reports')
@Controller('plan/reports')
export class ApproveReportController {
  constructor(private readonly commandBus: CommandBus) {}

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
  @ApiIfMatch()
  @ApiStandardErrors(404, 409, 422)
  approve(
    @Param() params: ReportParams,
    @Body() body: ApproveReportBody,
    @CurrentPrincipal() principal: Principal,
    @CommandMeta() meta: CommandOptions,
  ): Promise<ReportView> {
    return this.commandBus.execute(
      new ApproveReportCommand(
        principal,
        { ...params, ...(body.comments ? { comments: body.comments } : {}) },
        meta,
      ),
    );
  }
}
