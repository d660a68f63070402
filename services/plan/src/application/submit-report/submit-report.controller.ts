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
import { SubmitReportBody } from './submit-report.dto';

@ApiTags('reports')
@Controller('plan/reports')
export class SubmitReportController {
  constructor(private readonly commands: PlanCommands) {}

  @Post(':country/:activityId/:period/submit')
  @HttpCode(200)
  @RequireOperation('plan.report.submit', { country: 'params.country' })
  @ApiBilingual({
    es: 'Enviar el informe a la Secretaría Técnica',
    en: 'Submit the report to the Technical Secretariat',
    detail: {
      es: 'Envía el borrador actual. Antes de que abra la ventana del período se rechaza (409); tras su cierre se acepta marcado como tardío.',
      en: "Submits the current draft. Before the period's window opens it is refused (409); after it closes it is accepted and marked late.",
    },
  })
  @ApiIdempotencyKey()
  @ApiStandardErrors(404, 409, 422)
  submit(
    @Param() params: ReportParams,
    @Body() _body: SubmitReportBody,
    @CurrentPrincipal() principal: Principal,
    @CommandMeta() meta: CommandOptions,
  ): Promise<ReportView> {
    return this.commands.submit(principal, params, meta);
  }
}
