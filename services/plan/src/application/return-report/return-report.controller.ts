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
import { ReturnReportBody } from './return-report.dto';

@ApiTags('reports')
@Controller('plan/reports')
export class ReturnReportController {
  constructor(private readonly commands: PlanCommands) {}

  @Post(':country/:activityId/:period/return')
  @HttpCode(200)
  @RequireOperation('plan.report.return', { country: 'params.country' })
  @ApiBilingual({
    es: 'Devolver un informe con observaciones',
    en: 'Return a report with comments',
    detail: {
      es: 'Devuelve el informe enviado al país con observaciones (obligatorias); el país puede corregirlo y reenviarlo. Rol: coordinación de la Secretaría Técnica.',
      en: 'Returns the submitted report to the country with comments (required); the country can correct and resubmit it. Role: Technical Secretariat coordinator.',
    },
  })
  @ApiIdempotencyKey()
  @ApiStandardErrors(404, 409, 422)
  returnReport(
    @Param() params: ReportParams,
    @Body() body: ReturnReportBody,
    @CurrentPrincipal() principal: Principal,
    @CommandMeta() meta: CommandOptions,
  ): Promise<ReportView> {
    return this.commands.return(principal, { ...params, comments: body.comments }, meta);
  }
}
