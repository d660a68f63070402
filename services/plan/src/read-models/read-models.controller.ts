import { Controller, Get, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { CurrentPrincipal, RequireOperation, scopeCountries, type Principal } from '@crm/auth';
import type { CountryCode } from '@crm/kernel';
import { isActivityId } from '../domain/reports';
import { DashboardQueryError, periodOrThrow } from './errors';
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

@Controller('plan')
export class ReadModelsController {
  constructor(@Inject(PlanReadModels) private readonly readModels: PlanReadModels) {}

  @RequireOperation(READ, { country: 'query.country' })
  @Get('dashboard/matrix')
  matrix(@CurrentPrincipal() principal: Principal, @Query('period') period: unknown, @Query('country') country: unknown) {
    return this.readModels.matrix(periodOrThrow(period, true)!, dashboardCountries(principal, country));
  }

  @RequireOperation(READ, { country: 'query.country' })
  @Get('dashboard/timeliness')
  timeliness(@CurrentPrincipal() principal: Principal, @Query('period') period: unknown, @Query('country') country: unknown) {
    return this.readModels.timeliness(periodOrThrow(period, true)!, dashboardCountries(principal, country));
  }

  @RequireOperation(READ, { country: 'query.country' })
  @Get('dashboard/activities/:activityId')
  activity(@CurrentPrincipal() principal: Principal, @Param('activityId') activityId: string, @Query('period') period: unknown, @Query('country') country: unknown) {
    if (!isActivityId(activityId)) {
      throw new DashboardQueryError(
        'plan.dashboard.invalid_activity_id',
        { es: `Identificador de actividad inválido: "${activityId}" (p. ej. IV.1.1.1).`, en: `Invalid activity id: "${activityId}" (e.g. IV.1.1.1).` },
        { activityId },
      );
    }
    return this.readModels.activity(activityId, periodOrThrow(period, false), dashboardCountries(principal, country));
  }

  /**
   * Rebuilds the read models from scratch (truncate + replay). Answers 200 once the replay has caught up,
   * or 202 when it is still running after `REBUILD_WAIT_MS` (the replay goes on in the background).
   */
  @RequireOperation(REBUILD)
  @HttpCode(200)
  @Post('read-models/rebuild')
  async rebuild(@Res({ passthrough: true }) res: { status(code: number): unknown }) {
    const started = Date.now();
    await this.readModels.rebuild();
    const caughtUp = await this.readModels.whenCaughtUp(REBUILD_WAIT_MS);
    if (!caughtUp) res.status(202);
    return { rebuilt: caughtUp, caughtUp, position: this.readModels.runner.position?.toString() ?? null, seconds: (Date.now() - started) / 1000 };
  }
}
