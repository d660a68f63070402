import { Controller, Get, HttpCode, Inject, Logger, Param, Post, Query, Res } from '@nestjs/common';
import { ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@crm/auth';
import { RequireOperation, scopeCountries } from '../plan.policy';
import { type CountryCode, InvalidRequestError } from '@crm/kernel';
import { isActivityId } from '../reports/domain';
import { ApiBilingual, ApiStandardErrors } from '@crm/service-kit';
import { DashboardQueryString, SemesterDashboardQueryString } from './dashboard-query.dto';
import { periodOrThrow, planIdOrThrow } from './errors';
import { PlanReadModels } from './plan-read-models';

const READ = 'plan.report.read';
/** Secretariat coordination and platform administration (libs/auth policy). */
const REBUILD = 'plan.readModels.rebuild';
const REBUILD_WAIT_MS = 25_000;

/**
 * The countries a dashboard query returns: those `plan.report.read` lets the principal see (all for the
 * Secretariat, their own for a country official), narrowed to `?country=` when given (the OperationGuard has
 * already authorised that country).
 */
export function dashboardCountries(principal: Principal, country: unknown): CountryCode[] {
  const scope = scopeCountries(principal, READ);
  if (typeof country === 'string' && country !== '') return scope.filter((c) => c === country.toUpperCase());
  return scope;
}

@ApiTags('dashboard')
@Controller('plan')
export class ReadModelsController {
  private readonly logger = new Logger('ReadModels');

  constructor(@Inject(PlanReadModels) private readonly readModels: PlanReadModels) {}

  @RequireOperation(READ, { country: 'query.country' })
  @Get('dashboard/matrix')
  @ApiBilingual({
    es: 'Matriz país × objetivo de un semestre',
    en: 'Country × objective matrix of a semester',
    detail: {
      es: 'Avance por país y objetivo del plan (actividades, informes por estado, % completado), leído de los modelos de lectura. Funcionarios del propio país y la Secretaría Técnica (coordinación y análisis).',
      en: 'Progress per country and plan objective (activities, reports per status, % completed), read from the read models. Officials of that country and the Technical Secretariat (coordinator and analyst).',
    },
  })
  @ApiStandardErrors(404, 422)
  matrix(@CurrentPrincipal() principal: Principal, @Query() query: SemesterDashboardQueryString) {
    return this.readModels.matrix(
      periodOrThrow(query.period, true)!,
      dashboardCountries(principal, query.country),
      planIdOrThrow(query.plan),
    );
  }

  @RequireOperation(READ, { country: 'query.country' })
  @Get('dashboard/timeliness')
  @ApiBilingual({
    es: 'Puntualidad de los informes de un semestre',
    en: 'Timeliness of the reports of a semester',
    detail: {
      es: 'Por país: actividades con informe enviado a tiempo o tarde, sin informe tras el cierre de la ventana (faltantes) o aún en plazo (pendientes). Funcionarios del propio país y la Secretaría Técnica (coordinación y análisis).',
      en: 'Per country: activities reported on time or late, without a report after the window closed (missing) or still within it (pending). Officials of that country and the Technical Secretariat (coordinator and analyst).',
    },
  })
  @ApiStandardErrors(404, 422)
  timeliness(@CurrentPrincipal() principal: Principal, @Query() query: SemesterDashboardQueryString) {
    return this.readModels.timeliness(
      periodOrThrow(query.period, true)!,
      dashboardCountries(principal, query.country),
      planIdOrThrow(query.plan),
    );
  }

  @RequireOperation(READ, { country: 'query.country' })
  @Get('dashboard/activities/:activityId')
  @ApiBilingual({
    es: 'Resumen de una actividad por país y semestre',
    en: 'Summary of one activity per country and semester',
    detail: {
      es: 'El estado de los informes de una actividad del catálogo en cada país, por semestre. Funcionarios del propio país y la Secretaría Técnica (coordinación y análisis).',
      en: 'The state of the reports on one catalogue activity in each country, per semester. Officials of that country and the Technical Secretariat (coordinator and analyst).',
    },
  })
  @ApiParam({
    name: 'activityId',
    example: 'IV.1.1.1',
    description:
      'ES: identificador de la actividad del catálogo, p. ej. IV.1.1.1. EN: catalogue activity id, e.g. IV.1.1.1.',
  })
  @ApiStandardErrors(404, 422)
  activity(
    @CurrentPrincipal() principal: Principal,
    @Param('activityId') activityId: string,
    @Query() query: DashboardQueryString,
  ) {
    if (!isActivityId(activityId)) {
      throw new InvalidRequestError(
        'plan.dashboard.invalid_activity_id',
        {
          es: `Identificador de actividad inválido: "${activityId}" (p. ej. IV.1.1.1).`,
          en: `Invalid activity id: "${activityId}" (e.g. IV.1.1.1).`,
        },
        { activityId },
      );
    }
    return this.readModels.activity(
      activityId,
      periodOrThrow(query.period, false),
      dashboardCountries(principal, query.country),
      planIdOrThrow(query.plan),
    );
  }

  /**
   * Rebuilds the read models from scratch (truncate + replay). Answers 200 once the replay has caught up,
   * or 202 when it is still running after `REBUILD_WAIT_MS` (the replay goes on in the background).
   */
  @RequireOperation(REBUILD)
  @HttpCode(200)
  @Post('read-models/rebuild')
  @ApiBilingual({
    es: 'Reconstruir los modelos de lectura',
    en: 'Rebuild the read models',
    detail: {
      es: 'Vacía los modelos de lectura del servicio y los reconstruye desde los eventos. Responde 200 al terminar, o 202 si la reconstrucción sigue en curso tras 25 s. Coordinación de la Secretaría Técnica y administración de la plataforma.',
      en: "Empties the service's read models and rebuilds them from the events. Answers 200 when done, or 202 when the rebuild is still running after 25 s. Technical Secretariat coordinator and platform administrator.",
    },
  })
  @ApiResponse({
    status: 200,
    description: 'ES: reconstruidos. EN: rebuilt. `{ rebuilt, caughtUp, position, seconds }`',
  })
  @ApiResponse({
    status: 202,
    description:
      'ES: reconstrucción en curso. EN: rebuild still running. `{ rebuilt: false, caughtUp: false, position, seconds }`',
  })
  @ApiStandardErrors()
  async rebuild(@Res({ passthrough: true }) res: { status(code: number): unknown }) {
    const answer = await this.readModels.requestRebuild(REBUILD_WAIT_MS, (e) =>
      this.logger.error(`read-model rebuild failed: ${e instanceof Error ? e.message : String(e)}`),
    );
    if (answer.status === 202) res.status(202);
    return answer.body;
  }
}
