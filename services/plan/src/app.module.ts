import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { APP_PIPE } from '@nestjs/core';
import { AuthModule, type AuditSink, type DevIssuer, type TokenVerifier } from '@crm/auth';
import { PlatformModule, type Platform } from '@crm/platform';
import { AuthController } from './http/auth.controller';
import { HealthController } from './http/health.controller';
import { DEV_ISSUER } from './http/tokens';
import { createValidationPipe } from './http/validation';
import { PlanModule } from './plan.module';

export interface AppModuleOptions {
  platform: Platform;
  auth: {
    verifier: TokenVerifier;
    audit: AuditSink;
    /** The development issuer (login + JWKS endpoints); absent with OIDC. */
    devIssuer?: DevIssuer;
  };
  /** Extra feature modules (read models, review, integration...). They can inject the CommandBus and QueryBus. */
  features?: Array<Type<unknown> | DynamicModule>;
}

/** The development issuer (or null with OIDC) for the auth controller. */
@Module({})
export class PlanCoreModule {
  static forRoot(devIssuer: DevIssuer | null): DynamicModule {
    return {
      module: PlanCoreModule,
      global: true,
      providers: [{ provide: DEV_ISSUER, useValue: devIssuer }],
      exports: [DEV_ISSUER],
    };
  }
}

export const PLAN_CONTROLLERS = [HealthController, AuthController];

/**
 * The plan service's root module: the platform's ports (PlatformModule), authentication + authorisation + the
 * es/en error filter (AuthModule), the DTO validation pipe, the health and login controllers, the plan's use
 * cases on the CommandBus and QueryBus (PlanModule) and any feature modules.
 */
@Module({})
export class AppModule {
  static forRoot(options: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot(options.platform),
        AuthModule.forRoot({
          verifier: options.auth.verifier,
          audit: options.auth.audit,
          clock: options.platform.clock,
        }),
        PlanCoreModule.forRoot(options.auth.devIssuer ?? null),
        PlanModule,
        ...(options.features ?? []),
      ],
      controllers: PLAN_CONTROLLERS,
      providers: [{ provide: APP_PIPE, useFactory: createValidationPipe }],
    };
  }
}
