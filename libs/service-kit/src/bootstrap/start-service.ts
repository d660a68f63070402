import 'reflect-metadata';
import { Logger, type DynamicModule, type LoggerService, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Pool } from 'pg';
import {
  createAuthentication,
  PostgresAuditSink,
  type AccessAuditEntry,
  type AuditSink,
  type AuthConfig,
} from '@crm/auth';
import { loadPlatformConfig } from '@crm/config';
import { systemClock, type Clock } from '@crm/kernel';
import { PERSONAL_DATA_FIELDS } from '@crm/contracts';
import { createNestLogger, registerPersonalDataDeclarations } from '@crm/pii';
import { createPlatform, type Platform } from '@crm/platform';
import { CLOCK_OFFSET_VARIABLE, describeClockOffset, offsetClock } from '../config/clock-offset';
import { loadServiceConfig, type ServiceConfig } from '../config/service-config';
import { bodyParserErrorHandler, REQUEST_BODY_LIMIT_BYTES } from '../http/body-errors';
import { BacklogSources, LagSources } from '../http/health.controller';
import { IdempotencyFingerprints } from '../http/idempotency-fingerprints';
import {
  migrateServiceKitSchema,
  SERVICE_KIT_SCHEMA,
} from '../http/migrations/1764633600000-create-idempotency-keys';
import { setupOpenApi } from '../http/swagger';
import { PersonalDataModule } from '../personal-data/personal-data.module';
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
  /**
   * The service clock: decision clock of the commands, clock of the event store and of deadline runners
   * (default: system time). CRM_CLOCK_OFFSET (development and tests) moves it, this one too.
   */
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

export interface RunningService<P extends Platform | null = Platform> {
  app: NestExpressApplication;
  /** Base URL, e.g. http://127.0.0.1:3001 */
  url: string;
  /** `null` for a service defined with `platform: false`. */
  platform: P;
  /** How it verifies tokens: issuer, audience, JWKS URL (and, in development mode, the identity service's URL). */
  auth: AuthConfig;
  /** Its Prometheus registry and series (`GET /metrics`). */
  metrics: ServiceMetrics;
  /** Ordered shutdown: HTTP server and modules (relay, gateway, projections), audit pool, platform. */
  close(): Promise<void>;
}

/**
 * Access denials of a service without the platform (it has no database): written to its log, through the
 * redacting logger, as `access denied` lines with the entry (principal, operation, resource, reason).
 */
export class LoggedAuditSink implements AuditSink {
  private readonly logger = new Logger('AccessAudit');

  async record(entry: AccessAuditEntry): Promise<void> {
    this.logger.warn({ msg: 'access denied', ...entry });
  }
}

/**
 * Starts a service process: configuration (checked before anything starts) → platform (event store, bus,
 * database; not with `platform: false`) → the kit's schema (audit, Idempotency-Key fingerprints) → token
 * verifier (JWKS of the identity service or the OIDC provider) → Nest application (ServiceKitModule with the
 * service's modules; request log and metrics, helmet, CORS, JSON body limit) → OpenAPI at /docs →
 * `beforeListen` → listen.
 */
export async function startService<P extends Platform | null = Platform>(
  definition: ServiceDefinition<P>,
  options: StartServiceOptions = {},
): Promise<RunningService<P>> {
  const env = options.env ?? process.env;
  // The contracts' personal-data fields, for the redacting logger (importing @crm/pii registers nothing).
  registerPersonalDataDeclarations(PERSONAL_DATA_FIELDS);
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const withPlatform = definition.platform !== false;
  const config = options.config ?? loadServiceConfig(definition, env);
  definition.checkEnvironment?.(env);
  const port = options.port ?? config.port;
  const host = options.host ?? config.host;

  const nestLogger = options.logger ?? createNestLogger(definition.name, { level: config.logLevel });
  const logger = new ServiceLogger(nestLogger);
  const metrics = new ServiceMetrics(definition.name);
  const offsetMs = config.clockOffsetMs ?? 0;
  if (offsetMs !== 0)
    log(
      `[${definition.name}] ${CLOCK_OFFSET_VARIABLE}=${describeClockOffset(offsetMs)}: el reloj del servicio está desplazado (solo desarrollo y pruebas) / the service clock is moved (development and tests only)`,
    );
  const clock = offsetMs === 0 ? options.clock : offsetClock(options.clock ?? systemClock, offsetMs);
  const created = withPlatform
    ? await createPlatform({
        config: config.platform ?? loadPlatformConfig(env),
        ...(clock ? { clock } : {}),
        log: () => undefined,
        logger: logger.for('bus'),
      })
    : null;
  // the services append through the metered store (crm_events_appended_total); closing closes the real one
  const platform: Platform | null = created
    ? { ...created, store: metrics.meteredStore(created.store) }
    : null;
  let pool: Pool | undefined;
  let app: NestExpressApplication | undefined;
  let listening: string | undefined;
  try {
    let audit: AuditSink;
    let fingerprints: IdempotencyFingerprints | null = null;
    if (platform) {
      pool = new Pool({ connectionString: platform.database.url, max: 3 });
      // an idle connection dropped by the server (restart) must not crash the process; the next query reconnects
      pool.on('error', (e) => logger.for('audit').warn({ error: e.message }, 'idle connection error'));
      const sink = new PostgresAuditSink(pool);
      await sink.migrate();
      audit = sink;
      await migrateServiceKitSchema(platform.database.url);
      fingerprints = new IdempotencyFingerprints(
        await platform.dataSource(SERVICE_KIT_SCHEMA),
        definition.name,
      );
    } else audit = new LoggedAuditSink();
    const { verifier } = await createAuthentication(config.auth);
    const context: ServiceContext<P> = {
      platform: platform as P,
      env,
      url() {
        if (listening === undefined)
          throw new Error(`[${definition.name}] url() was called before the service listens`);
        return listening;
      },
      log,
    };
    app = await NestFactory.create<NestExpressApplication>(
      ServiceKitModule.forRoot({
        name: definition.name,
        ...(platform ? { platform } : {}),
        auth: { verifier, audit },
        operations: config.operations,
        env,
        metrics,
        logger,
        fingerprints,
        imports: [
          ...(config.kek && platform
            ? [PersonalDataModule.forRoot({ platform, kek: config.kek.ring, audit })]
            : []),
          ...definition.modules(context),
          ...(options.features ?? definition.features ?? []),
        ],
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
    if (platform) {
      const sources = app.get(LagSources);
      const cap = config.operations.readyMaxLagEvents + 1;
      metrics.measureLag(
        () => sources.all(),
        (source) => lagOf(platform.store, source, cap),
      );
    }
    const backlogs = app.get(BacklogSources);
    metrics.measureBacklog(() => backlogs.all());
    await definition.beforeListen?.(app, context);
    await app.listen(port, host);
    const address = app.getHttpServer().address() as { port: number };
    const url = `http://${host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host}:${address.port}`;
    listening = url;
    const started = app;
    const startedPool = pool;
    let closing: Promise<void> | undefined;
    return {
      app: started,
      url,
      platform: platform as P,
      auth: config.auth,
      metrics,
      close() {
        closing ??= (async () => {
          await started.close().catch((e: Error) => log(`[${definition.name}] close app: ${e.message}`));
          await startedPool?.end().catch(() => undefined);
          await platform?.close();
          metrics.close();
        })();
        return closing;
      },
    };
  } catch (e) {
    await app?.close().catch(() => undefined);
    await pool?.end().catch(() => undefined);
    await platform?.close().catch(() => undefined);
    metrics.close();
    throw e;
  }
}
