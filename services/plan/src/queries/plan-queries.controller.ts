import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { RequireOperation } from '../plan.policy';
import { PlanQuery, ReportParams } from '../application/shared/dto';
import type { ReportView } from '../application/shared/report-view';
import { WindowParams } from '../application/schedule-window/schedule-window.dto';
import type { WindowView } from '../application/schedule-window/schedule-window.handler';
import { ApiBilingual, ApiStandardErrors } from '../http/api-docs';
import { instantOrThrow } from '../review/errors';
import { CatalogueQuery } from './plan-queries.dto';
import { PlanQueries, type CatalogueDocument, type CatalogueHistory } from './plan-queries.service';

@Controller('plan')
export class PlanQueriesController {
  constructor(private readonly queries: PlanQueries) {}

  @ApiTags('reports')
  @Get('reports/:country/:activityId/:period')
  @RequireOperation('plan.report.read', { country: 'params.country' })
  @ApiBilingual({
    es: 'Consultar un informe',
    en: 'Read a report',
    detail: {
      es: 'Estado actual del informe (pliegue de su flujo de eventos): flujo de trabajo, contenido, envío y retraso, observaciones, versiones aprobadas y si cambió tras su aprobación. Funcionarios del propio país y la Secretaría Técnica.',
      en: "The report's current state (fold of its event stream): workflow, content, submission and lateness, comments, approved versions and whether it changed after approval. Officials of the report's own country and the Technical Secretariat.",
    },
  })
  @ApiStandardErrors(404, 422)
  report(@Param() params: ReportParams): Promise<ReportView> {
    return this.queries.report(params);
  }

  @ApiTags('catalogue')
  @Get('catalogue')
  @RequireOperation('plan.catalogue.read')
  @ApiBilingual({
    es: 'Consultar el catálogo del plan',
    en: "Read the plan's catalogue",
    detail: {
      es: 'Objetivos, resultados y actividades del plan `?plan=<id>` (p. ej. 2023-2027; por defecto el plan importado al arrancar); con `?version=N`, el catálogo tal como era en esa versión; con `?asOf=<instante ISO 8601>`, tal como estaba en ese instante (versión y actividades). Todos los usuarios autenticados.',
      en: 'Objectives, results and activities of plan `?plan=<id>` (e.g. 2023-2027; default: the plan imported at start); with `?version=N`, the catalogue as it was at that version; with `?asOf=<ISO 8601 instant>`, as it stood at that instant (version and activities). Every authenticated user.',
    },
  })
  @ApiStandardErrors(404)
  catalogue(@Query() query: CatalogueQuery): Promise<CatalogueDocument> {
    return this.queries.catalogue(query.version, instantOrThrow(query.asOf, 'asOf', false), query.plan);
  }

  @ApiTags('catalogue')
  @Get('catalogue/history')
  @RequireOperation('plan.catalogue.read')
  @ApiBilingual({
    es: 'Historial de versiones del catálogo',
    en: 'Version history of the catalogue',
    detail: {
      es: 'Cada versión del catálogo del plan `?plan=` (por defecto el importado al arrancar): la importación y cada enmienda con su motivo, autor, fecha y cambio.',
      en: 'Every catalogue version of plan `?plan=` (default: the one imported at start): the import and each amendment with its reason, author, date and change.',
    },
  })
  @ApiStandardErrors(404)
  history(@Query() query: PlanQuery): Promise<CatalogueHistory> {
    return this.queries.catalogueHistory(query.plan);
  }

  @ApiTags('windows')
  @Get('windows/:period')
  @RequireOperation('plan.catalogue.read')
  @ApiBilingual({
    es: 'Ventana de informe vigente de un semestre',
    en: "A semester's reporting window in force",
    detail: {
      es: 'La ventana programada por la Secretaría Técnica o, si no hay, la regla por defecto (el mes siguiente al semestre). El semestre debe ser de un plan importado (422).',
      en: 'The window scheduled by the Technical Secretariat or, if none, the default rule (the month after the semester). The semester must belong to an imported plan (422).',
    },
  })
  @ApiStandardErrors(422)
  window(@Param() params: WindowParams): Promise<WindowView & { open: boolean }> {
    return this.queries.window(params.period);
  }
}
