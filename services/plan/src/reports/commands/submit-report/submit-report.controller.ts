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
import { SubmitReportCommand } from './submit-report.command';
import { SubmitReportBody } from './submit-report.dto';

@ApiTags('reports')
@Controller('plan/reports')
export class SubmitReportController {
  constructor(private readonly commandBus: CommandBus) {}

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
  @ApiIfMatch()
  @ApiStandardErrors(404, 409, 422)
  submit(
    @Param() params: ReportParams,
    @Body() _body: SubmitReportBody,
    @CurrentPrincipal() principal: Principal,
    @CommandMeta() meta: CommandOptions,
  ): Promise<ReportView> {
    return this.commandBus.execute(new SubmitReportCommand(principal, params, meta));
  }
}
