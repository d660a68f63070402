import {
  Optional,
  Query,
  Controller,
  Get,
  Inject,
  Injectable,
  Res,
  ServiceUnavailableException,
} from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  HealthCheckService,
  HealthIndicatorService,
  type HealthCheckResult,
  type HealthIndicatorResult,
} from '@nestjs/terminus';
import { SkipThrottle } from '@nestjs/throttler';
import { Public } from '@crm/auth';
import type { LogPort } from '@crm/kernel';
import { PLATFORM, type Platform } from '@crm/platform';
import { OPERATIONS, SERVICE_NAME } from '../bootstrap/tokens';
import type { OperationsConfig } from '../config/service-config';
import { BACKLOG_SOURCES, backlogProblem, type BacklogSource } from '../ops/backlog';
import { LAG_SOURCES, lagOf, type LagSource } from '../ops/lag';
import { SERVICE_LOGGER, type ServiceLogger } from '../ops/service-logger';
import { SERVICE_KIT_SCHEMA } from './migrations/1764633600000-create-idempotency-keys';
import { NoQueryString } from './validation';
import { ApiBilingual } from './api-docs';

/** Longest a readiness check may take before it counts as down (a stopped database must not hang the probe). */
export const READINESS_CHECK_TIMEOUT_MS = 2_000;

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Every array provided under `token` in any module of the application, concatenated. */
function discovered<T>(discovery: DiscoveryService, token: symbol): T[] {
  return discovery
    .getProviders()
    .filter((wrapper) => wrapper.token === token && Array.isArray(wrapper.instance))
    .flatMap((wrapper) => wrapper.instance as T[]);
}

/** The service's relays and projections: every `LAG_SOURCES` provider of the application. */
@Injectable()
export class LagSources {
  constructor(private readonly discovery: DiscoveryService) {}

  all(): LagSource[] {
    return discovered<LagSource>(this.discovery, LAG_SOURCES);
  }
}

/** The service's backlogs (deadline runners): every `BACKLOG_SOURCES` provider of the application. */
@Injectable()
export class BacklogSources {
  constructor(private readonly discovery: DiscoveryService) {}

  all(): BacklogSource[] {
    return discovered<BacklogSource>(this.discovery, BACKLOG_SOURCES);
  }
}

/** The checks of `/health/ready`, each a terminus indicator. */
@Injectable()
export class ReadinessChecks {
  constructor(
    @Optional() @Inject(PLATFORM) private readonly platform: Platform | null,
    @Inject(OPERATIONS) private readonly operations: OperationsConfig,
    private readonly indicators: HealthIndicatorService,
    private readonly sources: LagSources,
    private readonly backlogs: BacklogSources,
  ) {}

  private async probe(key: string, check: () => Promise<Record<string, unknown> | void>) {
    const indicator = this.indicators.check(key);
    try {
      const data = await withTimeout(check(), READINESS_CHECK_TIMEOUT_MS, key);
      return indicator.up(data ?? {});
    } catch (error) {
      return indicator.down({ message: error instanceof Error ? error.message : String(error) });
    }
  }

  /** `SELECT 1` on the service's database (through the platform's data source of the kit's schema). */
  database(): Promise<HealthIndicatorResult> {
    return this.probe('database', async () => {
      if (!this.platform) return { none: true }; // a service without the platform (identity) has no database
      await (await this.platform.dataSource(SERVICE_KIT_SCHEMA)).query('SELECT 1');
    });
  }

  /** The bus answers (`Bus.ping`: PostgreSQL `SELECT 1`, Kafka cluster metadata). */
  bus(): Promise<HealthIndicatorResult> {
    return this.probe('bus', async () => (this.platform ? this.platform.bus.ping() : { none: true }));
  }

  /** One indicator per relay and projection: its lag at most READY_MAX_LAG_EVENTS. */
  lag(): Array<() => Promise<HealthIndicatorResult>> {
    const max = this.operations.readyMaxLagEvents;
    return this.sources.all().map(
      (source) => () =>
        this.probe(`${source.kind}:${source.name}`, async () => {
          if (!this.platform) return { running: false };
          const lag = await lagOf(this.platform.store, source, max + 1);
          if (lag === null) return { running: false };
          if (lag > max) throw new Error(`more than ${max} events to handle (READY_MAX_LAG_EVENTS)`);
          return { lagEvents: lag, maxLagEvents: max };
        }),
    );
  }

  /**
   * One indicator per backlog source (`<kind>:<name>`): down when its oldest due item is older than the
   * source's `readyMaxAgeMs`, else READY_MAX_BACKLOG_AGE_SECONDS.
   */
  backlog(): Array<() => Promise<HealthIndicatorResult>> {
    return this.backlogs.all().map(
      (source) => () =>
        this.probe(`${source.kind}:${source.name}`, async () => {
          const backlog = await source.backlog();
          if (backlog === null) return { running: false };
          const maxAgeMs = source.readyMaxAgeMs ?? this.operations.readyMaxBacklogAgeSeconds * 1000;
          const problem = backlogProblem(backlog, maxAgeMs);
          if (problem) throw new Error(problem);
          return {
            due: backlog.due,
            oldestDueAgeSeconds: backlog.oldestDueAgeMs === null ? null : backlog.oldestDueAgeMs / 1000,
            maxAgeSeconds: maxAgeMs / 1000,
          };
        }),
    );
  }
}

interface StatusResponse {
  status(code: number): unknown;
}

/**
 * Liveness and readiness (public, not rate-limited; `docs/operations.md`):
 * - `GET /health/live` (and its alias `GET /health`): the process answers; no dependency is checked;
 * - `GET /health/ready`: the database, the bus, every relay and projection within READY_MAX_LAG_EVENTS, and
 *   every backlog source (deadline runners) whose oldest due item is within READY_MAX_BACKLOG_AGE_SECONDS;
 *   503 with the terminus body (`status: 'error'`, `error`, `details`) when any check fails.
 */
@ApiTags('health')
@SkipThrottle({ default: true, login: true })
@Controller('health')
export class HealthController {
  private readonly logger: LogPort;

  constructor(
    @Inject(SERVICE_NAME) private readonly service: string,
    private readonly health: HealthCheckService,
    private readonly checks: ReadinessChecks,
    @Inject(SERVICE_LOGGER) logger: ServiceLogger,
  ) {
    this.logger = logger.for('health');
  }

  @Public()
  @Get()
  @ApiBilingual({
    es: 'Estado del proceso (alias de /health/live)',
    en: 'Process health (alias of /health/live)',
  })
  alias(@Query() _query: NoQueryString): { status: 'ok'; service: string } {
    return this.live(_query);
  }

  @Public()
  @Get('live')
  @ApiBilingual({
    es: 'Vivacidad: el proceso responde',
    en: 'Liveness: the process answers',
    detail: {
      es: 'No consulta dependencias: un fallo de la base de datos no debe reiniciar el proceso.',
      en: 'Checks no dependency: a database outage must not restart the process.',
    },
  })
  live(@Query() _query: NoQueryString): { status: 'ok'; service: string } {
    return { status: 'ok', service: this.service };
  }

  @Public()
  @Get('ready')
  @ApiBilingual({
    es: 'Disponibilidad: base de datos, bus, retraso de relés y proyecciones, plazos vencidos sin disparar',
    en: 'Readiness: database, bus, relay and projection lag, due deadlines not fired yet',
    detail: {
      es: '200 si la base de datos y el bus responden, cada relé y proyección tiene a lo sumo READY_MAX_LAG_EVENTS eventos pendientes y ningún plazo vencido espera más de READY_MAX_BACKLOG_AGE_SECONDS; si no, 503 con el detalle de cada verificación.',
      en: '200 when the database and the bus answer, every relay and projection has at most READY_MAX_LAG_EVENTS events pending and no due deadline has waited longer than READY_MAX_BACKLOG_AGE_SECONDS; otherwise 503 with the detail of each check.',
    },
  })
  @ApiResponse({ status: 503, description: 'Una verificación falló / a check failed' })
  async ready(
    @Query() _query: NoQueryString,
    @Res({ passthrough: true }) res: StatusResponse,
  ): Promise<HealthCheckResult> {
    try {
      return await this.health.check([
        () => this.checks.database(),
        () => this.checks.bus(),
        ...this.checks.lag(),
        ...this.checks.backlog(),
      ]);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      const body = error.getResponse() as HealthCheckResult;
      this.logger.warn(
        { service: this.service, failed: Object.keys(body.error ?? {}) },
        'readiness check failed / verificación de disponibilidad fallida',
      );
      res.status(503);
      return body;
    }
  }
}
