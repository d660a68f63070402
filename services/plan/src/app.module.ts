import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { APP_PIPE } from '@nestjs/core';
import { AuthModule, type AuditSink, type DevIssuer, type TokenVerifier } from '@crm/auth';
import { PlatformModule, type Platform } from '@crm/platform';
import { AmendCatalogueController } from './application/amend-catalogue/amend-catalogue.controller';
import { ApproveReportController } from './application/approve-report/approve-report.controller';
import { ImportCatalogueController } from './application/import-catalogue/import-catalogue.controller';
import { PlanCommands } from './application/plan-commands.service';
import { ReopenReportController } from './application/reopen-report/reopen-report.controller';
import { ReturnReportController } from './application/return-report/return-report.controller';
import { SaveDraftController } from './application/save-draft/save-draft.controller';
import { ScheduleWindowController } from './application/schedule-window/schedule-window.controller';
import { SubmitReportController } from './application/submit-report/submit-report.controller';
import { AuthController } from './http/auth.controller';
import { HealthController } from './http/health.controller';
import { DEV_ISSUER } from './http/tokens';
import { createValidationPipe } from './http/validation';
import { PlanQueriesController } from './queries/plan-queries.controller';
import { PlanQueries } from './queries/plan-queries.service';

export interface AppModuleOptions {
  platform: Platform;
  auth: {
    verifier: TokenVerifier;
    audit: AuditSink;
    /** The development issuer (login + JWKS endpoints); absent with OIDC. */
    devIssuer?: DevIssuer;
  };
  /** Extra feature modules (read models, review, integration...). They can inject PlanCommands and PlanQueries. */
  features?: Array<Type<unknown> | DynamicModule>;
}

/** Commands and queries of the plan service, exported for feature modules (e.g. the Kafka inbound gateway). */
@Module({})
export class PlanCoreModule {
  static forRoot(devIssuer: DevIssuer | null): DynamicModule {
    return {
      module: PlanCoreModule,
      global: true,
      providers: [PlanCommands, PlanQueries, { provide: DEV_ISSUER, useValue: devIssuer }],
      exports: [PlanCommands, PlanQueries, DEV_ISSUER],
    };
  }
}

export const PLAN_CONTROLLERS = [
  HealthController,
  AuthController,
  SaveDraftController,
  SubmitReportController,
  ApproveReportController,
  ReturnReportController,
  ReopenReportController,
  ScheduleWindowController,
  AmendCatalogueController,
  ImportCatalogueController,
  PlanQueriesController,
];

/**
 * The plan service's root module: the platform's ports (PlatformModule), authentication + authorisation + the
 * es/en error filter (AuthModule), the DTO validation pipe, the plan's controllers and any feature modules.
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
        ...(options.features ?? []),
      ],
      controllers: PLAN_CONTROLLERS,
      providers: [{ provide: APP_PIPE, useFactory: createValidationPipe }],
    };
  }
}
