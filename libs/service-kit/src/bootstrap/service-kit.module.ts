import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { AuthModule, type AuditSink, type TokenVerifier } from '@crm/auth';
import { PlatformModule, type Platform } from '@crm/platform';
import { HealthController } from '../http/health.controller';
import { LocalizedErrorFilter } from '../http/localized-error.filter';
import { createValidationPipe } from '../http/validation';
import { SERVICE_NAME } from './tokens';

export interface ServiceKitModuleOptions {
  /** The service's short name (health answers, logs). */
  name: string;
  /** Absent for a service without the platform (`platform: false`): no PlatformModule. */
  platform?: Platform;
  auth: { verifier: TokenVerifier; audit: AuditSink };
  /** The service's own modules: its contexts, read models, integration. */
  imports: Array<Type<unknown> | DynamicModule>;
  /** Controllers the service registers at its root (most register theirs in their context modules). */
  controllers?: Array<Type<unknown>>;
}

/**
 * The root module of every service process: the platform's ports (PlatformModule; not for a service without
 * the platform), authentication and authorisation (AuthModule: global AuthGuard 401, OperationGuard 403 +
 * audit), the CommandBus and QueryBus (CqrsModule, as a dispatcher only), the DTO validation pipe, the es/en
 * error filter, health, and the service's own modules.
 */
@Module({})
export class ServiceKitModule {
  static forRoot(options: ServiceKitModuleOptions): DynamicModule {
    return {
      module: ServiceKitModule,
      imports: [
        ...(options.platform ? [PlatformModule.forRoot(options.platform)] : []),
        AuthModule.forRoot({
          verifier: options.auth.verifier,
          audit: options.auth.audit,
          ...(options.platform ? { clock: options.platform.clock } : {}),
        }),
        CqrsModule.forRoot(),
        ...options.imports,
      ],
      controllers: [HealthController, ...(options.controllers ?? [])],
      providers: [
        { provide: SERVICE_NAME, useValue: options.name },
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_FILTER, useClass: LocalizedErrorFilter },
      ],
      exports: [SERVICE_NAME],
    };
  }
}
