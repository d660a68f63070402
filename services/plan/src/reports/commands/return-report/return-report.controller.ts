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
import { ReturnReportCommand } from './return-report.command';
import { ReturnReportBody } from './return-report.dto';

@ApiTags('reports')
@Controller('plan/reports')
export class ReturnReportController {
  constructor(private readonly commandBus: CommandBus) {}

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
  @ApiIfMatch()
  @ApiStandardErrors(404, 409, 422)
  returnReport(
    @Param() params: ReportParams,
    @Body() body: ReturnReportBody,
    @CurrentPrincipal() principal: Principal,
    @CommandMeta() meta: CommandOptions,
  ): Promise<ReportView> {
    return this.commandBus.execute(
      new ReturnReportCommand(principal, { ...params, comments: body.comments }, meta),
    );
  }
}
