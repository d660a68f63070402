import { applyDecorators, Controller, Get, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiParam, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@crm/auth';
import { RequireOperation, scopeCountries } from '../plan.policy';
import { MEMBER_COUNTRIES, type CountryCode, InvalidRequestError } from '@crm/kernel';
import { isActivityId } from '../domain/reports';
import { ApiBilingual, ApiStandardErrors } from '../http/api-docs';
import { periodOrThrow, planIdOrThrow } from './errors';
import { PlanReadModels } from './plan-read-models';

const READ = 'plan.report.read';
/** Secretariat coordination and platform administration (plan.policy.ts). */
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

/** `?period=` (required or not), `?plan=` and `?country=` of the dashboard queries. */
function ApiDashboardQuery(periodRequired: boolean): MethodDecorator {
  return applyDecorators(
    ApiQuery({
      name: 'plan',
      required: false,
      example: '2023-2027',
      description:
        'ES: plan (AAAA-AAAA); con un semestre, el plan es el de ese semestre y "plan" solo lo comprueba (422 si no coincide); sin semestre, por defecto el plan importado al arrancar. ' +
        'EN: plan (YYYY-YYYY); with a semester, the plan is that semester\'s and "plan" only checks it (422 when it differs); without a semester, default: the plan imported at start.',
    }),
    ApiQuery({
      name: 'period',
      required: periodRequired,
      example: '2020-S1',
      description: periodRequired
        ? 'ES: semestre del plan, AAAA-S1 o AAAA-S2. EN: semester of the plan, YYYY-S1 or YYYY-S2.'
        : 'ES: semestre del plan, AAAA-S1 o AAAA-S2; sin él, todos los semestres. EN: semester of the plan, YYYY-S1 or YYYY-S2; without it, every semester.',
    }),
    ApiQuery({
      name: 'country',
      required: false,
      enum: [...MEMBER_COUNTRIES],
      description:
        'ES: limita la consulta a un país; obligatorio para los funcionarios de un país (el suyo); sin él, la Secretaría Técnica ve los 11 países. ' +
        "EN: narrows the query to one country; required for a country's officials (their own); without it, the Technical Secretariat sees all 11 countries.",
    }),
  );
}

@ApiTags('dashboard')
@Controller('plan')
export class ReadModelsController {
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
  @ApiDashboardQuery(true)
  @ApiStandardErrors(404, 422)
  matrix(
    @CurrentPrincipal() principal: Principal,
    @Query('period') period: unknown,
    @Query('country') country: unknown,
    @Query('plan') plan: unknown,
  ) {
    return this.readModels.matrix(
      periodOrThrow(period, true)!,
      dashboardCountries(principal, country),
      planIdOrThrow(plan),
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
  @ApiDashboardQuery(true)
  @ApiStandardErrors(404, 422)
  timeliness(
    @CurrentPrincipal() principal: Principal,
    @Query('period') period: unknown,
    @Query('country') country: unknown,
    @Query('plan') plan: unknown,
  ) {
    return this.readModels.timeliness(
      periodOrThrow(period, true)!,
      dashboardCountries(principal, country),
      planIdOrThrow(plan),
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
  @ApiDashboardQuery(false)
  @ApiStandardErrors(404, 422)
  activity(
    @CurrentPrincipal() principal: Principal,
    @Param('activityId') activityId: string,
    @Query('period') period: unknown,
    @Query('country') country: unknown,
    @Query('plan') plan: unknown,
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
      periodOrThrow(period, false),
      dashboardCountries(principal, country),
      planIdOrThrow(plan),
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
    const started = Date.now();
    await this.readModels.rebuild();
    const caughtUp = await this.readModels.whenCaughtUp(REBUILD_WAIT_MS);
    if (!caughtUp) res.status(202);
    return {
      rebuilt: caughtUp,
      caughtUp,
      position: this.readModels.runner.position?.toString() ?? null,
      seconds: (Date.now() - started) / 1000,
    };
  }
}
