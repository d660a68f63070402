import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { systemClock, type Clock } from '@crm/kernel';
import type { AuditSink } from '../audit';
import type { TokenVerifier } from '../jwt';
import { AuthGuard } from './auth.guard';
import { OperationGuard } from './operation.guard';
import { AUDIT_SINK, AUTH_CLOCK, TOKEN_VERIFIER } from './tokens';

export interface AuthModuleOptions {
  verifier: TokenVerifier;
  audit: AuditSink;
  clock?: Clock;
}

/**
 * Import once in a service's root module (the service kit does): global AuthGuard (401) then
 * OperationGuard (403 + audit). The errors become JSON in the service kit's LocalizedErrorFilter.
 */
@Module({})
export class AuthModule {
  static forRoot(options: AuthModuleOptions): DynamicModule {
    const providers: Provider[] = [
      { provide: TOKEN_VERIFIER, useValue: options.verifier },
      { provide: AUDIT_SINK, useValue: options.audit },
      { provide: AUTH_CLOCK, useValue: options.clock ?? systemClock },
      { provide: APP_GUARD, useClass: AuthGuard },
      { provide: APP_GUARD, useClass: OperationGuard },
    ];
    return { module: AuthModule, global: true, providers, exports: [TOKEN_VERIFIER, AUDIT_SINK, AUTH_CLOCK] };
  }
}
