import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE, DiscoveryModule } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { TerminusModule } from '@nestjs/terminus';
import { ThrottlerGuard } from '@nestjs/throttler';
import { AuthModule, type AuditSink, type TokenVerifier } from '@crm/auth';
import { PlatformModule, type Platform } from '@crm/platform';
import type { OperationsConfig } from '../config/service-config';
import { RevisionETagInterceptor } from '../http/etag';
import { BacklogSources, HealthController, LagSources, ReadinessChecks } from '../http/health.controller';
import {
  IDEMPOTENCY_FINGERPRINTS,
  IdempotencyKeyInterceptor,
  type IdempotencyFingerprints,
} from '../http/idempotency-fingerprints';
import { LocalizedErrorFilter } from '../http/localized-error.filter';
import { createValidationPipe } from '../http/validation';
import { MetricsController, SERVICE_METRICS, type ServiceMetrics } from '../ops/metrics';
import { rateLimitModule } from '../ops/rate-limit';
import { SERVICE_LOGGER, type ServiceLogger } from '../ops/service-logger';
import { OPERATIONS, SERVICE_ENV, SERVICE_NAME } from './tokens';

export interface ServiceKitModuleOptions {
  /** The service's short name (health answers, logs). */
  name: string;
  /** Absent for a service without the platform (`platform: false`): no PlatformModule. */
  platform?: Platform;
  auth: { verifier: TokenVerifier; audit: AuditSink };
  /** Readiness lag bound, rate limits, CORS. */
  operations: OperationsConfig;
  /** The environment the service started with (SERVICE_ENV; default none). */
  env?: NodeJS.ProcessEnv;
  metrics: ServiceMetrics;
  logger: ServiceLogger;
  /** Null for a service without the platform (no database to remember Idempotency-Keys in). */
  fingerprints: IdempotencyFingerprints | null;
  /** The service's own modules: its contexts, read models, integration. */
  imports: Array<Type<unknown> | DynamicModule>;
  /** Controllers the service registers at its root (most register theirs in their context modules). */
  controllers?: Array<Type<unknown>>;
}

/**
 * The root module of every service process (global: its tokens are injectable everywhere): the platform's
 * ports (PlatformModule; not for a service without the platform), authentication and authorisation (AuthModule: global AuthGuard 401, OperationGuard
 * 403 + audit), the rate limits (ThrottlerGuard, 429), the CommandBus and QueryBus (CqrsModule, as a
 * dispatcher only), the DTO validation pipe, the es/en error filter, the revision ETag and Idempotency-Key
 * interceptors, health (terminus) and metrics (prom-client), and the service's own modules.
 */
@Module({})
export class ServiceKitModule {
  static forRoot(options: ServiceKitModuleOptions): DynamicModule {
    return {
      module: ServiceKitModule,
      global: true,
      imports: [
        ...(options.platform ? [PlatformModule.forRoot(options.platform)] : []),
        AuthModule.forRoot({
          verifier: options.auth.verifier,
          audit: options.auth.audit,
          ...(options.platform ? { clock: options.platform.clock } : {}),
        }),
        rateLimitModule(options.operations),
        CqrsModule.forRoot(),
        DiscoveryModule,
        TerminusModule.forRoot({ logger: false }),
        ...options.imports,
      ],
      controllers: [HealthController, MetricsController, ...(options.controllers ?? [])],
      providers: [
        { provide: SERVICE_NAME, useValue: options.name },
        { provide: OPERATIONS, useValue: options.operations },
        { provide: SERVICE_ENV, useValue: options.env ?? {} },
        { provide: SERVICE_METRICS, useValue: options.metrics },
        { provide: SERVICE_LOGGER, useValue: options.logger },
        { provide: IDEMPOTENCY_FINGERPRINTS, useValue: options.fingerprints },
        { provide: APP_GUARD, useClass: ThrottlerGuard },
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_FILTER, useClass: LocalizedErrorFilter },
        { provide: APP_INTERCEPTOR, useClass: RevisionETagInterceptor },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyKeyInterceptor },
        LagSources,
        BacklogSources,
        ReadinessChecks,
      ],
      exports: [
        SERVICE_NAME,
        OPERATIONS,
        SERVICE_ENV,
        SERVICE_METRICS,
        SERVICE_LOGGER,
        LagSources,
        BacklogSources,
      ],
    };
  }
}
