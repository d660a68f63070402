import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { RequireOperation } from '../../../plan.policy';
import { ApiBilingual, ApiStandardErrors, NoQueryString } from '@crm/service-kit';
import { ReportParams } from '../../../shared/dto';
import type { ReportView } from '../../report-view';
import { GetReportQuery } from './get-report.query';

@ApiTags('reports')
@Controller('plan/reports')
export class GetReportController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':country/:activityId/:period')
  @RequireOperation('plan.report.read', { country: 'params.country' })
  @ApiBilingual({
    es: 'Consultar un informe',
    en: 'Read a report',
    detail: {
      es: 'Estado actual del informe (pliegue de su flujo de eventos): flujo de trabajo, contenido, envío y retraso, observaciones, versiones aprobadas y si cambió tras su aprobación. `revision` es la que se envía en `If-Match` para modificarlo. Funcionarios del propio país y la Secretaría Técnica.',
      en: "The report's current state (fold of its event stream): workflow, content, submission and lateness, comments, approved versions and whether it changed after approval. `revision` is what to send in `If-Match` to change it. Officials of the report's own country and the Technical Secretariat.",
    },
  })
  @ApiStandardErrors(404, 422)
  report(@Param() params: ReportParams, @Query() _query: NoQueryString): Promise<ReportView> {
    return this.queryBus.execute(new GetReportQuery(params));
  }
}
