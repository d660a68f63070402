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
import { ReopenReportCommand } from './reopen-report.command';
import { ReopenReportBody } from './reopen-report.dto';

@ApiTags('reports')
@Controller('plan/reports')
export class ReopenReportController {
  constructor(private readonly commandBus: CommandBus) {}

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
  @ApiIfMatch()
  @ApiStandardErrors(404, 409, 422)
  reopen(
    @Param() params: ReportParams,
    @Body() body: ReopenReportBody,
    @CurrentPrincipal() principal: Principal,
    @CommandMeta() meta: CommandOptions,
  ): Promise<ReportView> {
    return this.commandBus.execute(
      new ReopenReportCommand(principal, { ...params, reason: body.reason }, meta),
    );
  }
}
