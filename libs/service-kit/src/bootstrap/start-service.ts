import 'reflect-metadata';
import type { DynamicModule, LoggerService, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Pool } from 'pg';
import { createAuthentication, PostgresAuditSink, type DevIssuer } from '@crm/auth';
import type { Clock } from '@crm/kernel';
import { createNestLogger } from '@crm/pii';
import { createPlatform, type Platform } from '@crm/platform';
import { loadServiceConfig, type ServiceConfig } from '../config/service-config';
import { bodyParserErrorHandler, REQUEST_BODY_LIMIT_BYTES } from '../http/body-errors';
import { LagSources } from '../http/health.controller';
import { IdempotencyFingerprints } from '../http/idempotency-fingerprints';
import {
  migrateServiceKitSchema,
  SERVICE_KIT_SCHEMA,
} from '../http/migrations/1764633600000-create-idempotency-keys';
import { setupOpenApi } from '../http/swagger';
import { lagOf } from '../ops/lag';
import { ServiceMetrics } from '../ops/metrics';
import { requestObserver } from '../ops/request-log';
import { applySecurity } from '../ops/security';
import { ServiceLogger } from '../ops/service-logger';
import type { ServiceContext, ServiceDefinition } from './service-definition';
import { ServiceKitModule } from './service-kit.module';

export interface StartServiceOptions {
  /** The process configuration (default: `loadServiceConfig` on `env`). */
  config?: ServiceConfig;
  /** Overrides of the configuration's port (0 = any free port) and host. */
  port?: number;
  host?: string;
  /** Decision clock of the commands (default: system time). */
  clock?: Clock;
  /** Start-up lines (imports, close errors); fixed texts without personal data. Default stdout. */
  log?: (line: string) => void;
  /**
   * The Nest logger of the application and of every `new Logger(context)` in it (default: the redacting pino
   * logger of @crm/pii, JSON lines on stdout, level LOG_LEVEL). Tests pass a quiet or capturing one.
   */
  logger?: LoggerService;
  /** The feature modules (default: the definition's `features`). */
  features?: Array<Type<unknown> | DynamicModule>;
  env?: NodeJS.ProcessEnv;
}

export interface RunningService {
  app: NestExpressApplication;
  /** Base URL, e.g. http://127.0.0.1:3001 */
  url: string;
  platform: Platform;
  devIssuer?: DevIssuer;
  /** Its Prometheus registry and series (`GET /metrics`). */
  metrics: ServiceMetrics;
  /** Ordered shutdown: HTTP server and modules (relay, gateway, projections), audit pool, platform. */
  close(): Promise<void>;
}

/**
 * Starts a service process: configuration (checked before anything starts) → platform (event store, bus,
 * database) → the kit's schema (audit, Idempotency-Key fingerprints) → identity (development issuer or
 * OIDC) → Nest application (ServiceKitModule with the service's modules; request log and metrics, helmet,
 * CORS, JSON body limit) → OpenAPI at /docs → `beforeListen` → listen.
 */
export async function startService(
  definition: ServiceDefinition,
  options: StartServiceOptions = {},
): Promise<RunningService> {
  const env = options.env ?? process.env;
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const config = options.config ?? loadServiceConfig(definition.listener, env);
  const port = options.port ?? config.port;
  const host = options.host ?? config.host;

  const nestLogger = options.logger ?? createNestLogger(definition.name, { level: config.logLevel });
  const logger = new ServiceLogger(nestLogger);
  const metrics = new ServiceMetrics(definition.name);
  const created = await createPlatform({
    config: config.platform,
    ...(options.clock ? { clock: options.clock } : {}),
    log: () => undefined,
    logger: logger.for('bus'),
  });
  // the services append through the metered store (crm_events_appended_total); closing closes the real one
  const platform: Platform = { ...created, store: metrics.meteredStore(created.store) };
  let pool: Pool | undefined;
  let app: NestExpressApplication | undefined;
  try {
    pool = new Pool({ connectionString: platform.database.url, max: 3 });
    // an idle connection dropped by the server (restart) must not crash the process; the next query reconnects
    pool.on('error', (e) => logger.for('audit').warn({ error: e.message }, 'idle connection error'));
    const audit = new PostgresAuditSink(pool);
    await audit.migrate();
    await migrateServiceKitSchema(platform.database.url);
    const fingerprints = new IdempotencyFingerprints(
      await platform.dataSource(SERVICE_KIT_SCHEMA),
      definition.name,
    );
    const { verifier, devIssuer } = await createAuthentication(config.auth);
    const context: ServiceContext = { platform, log, ...(devIssuer ? { devIssuer } : {}) };
    app = await NestFactory.create<NestExpressApplication>(
      ServiceKitModule.forRoot({
        name: definition.name,
        platform,
        auth: { verifier, audit },
        operations: config.operations,
        metrics,
        logger,
        fingerprints,
        imports: [...definition.modules(context), ...(options.features ?? definition.features ?? [])],
        controllers: definition.controllers?.(context) ?? [],
      }),
      { bodyParser: false, logger: nestLogger },
    );
    app.use(requestObserver(metrics, logger.for('http')));
    applySecurity(app, config.operations);
    app.useBodyParser('json', { limit: REQUEST_BODY_LIMIT_BYTES });
    app.use(bodyParserErrorHandler());
    setupOpenApi(app, definition);
    await app.init();
    const sources = app.get(LagSources);
    const cap = config.operations.readyMaxLagEvents + 1;
    metrics.measureLag(
      () => sources.all(),
      (source) => lagOf(platform.store, source, cap),
    );
    await definition.beforeListen?.(app, context);
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
      metrics,
      ...(devIssuer ? { devIssuer } : {}),
      close() {
        closing ??= (async () => {
          await started.close().catch((e: Error) => log(`[${definition.name}] close app: ${e.message}`));
          await startedPool.end().catch(() => undefined);
          await platform.close();
          metrics.close();
        })();
        return closing;
      },
    };
  } catch (e) {
    await app?.close().catch(() => undefined);
    await pool?.end().catch(() => undefined);
    await platform.close().catch(() => undefined);
    metrics.close();
    throw e;
  }
}
