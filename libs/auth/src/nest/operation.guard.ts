import { Inject, Injectable, Logger, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { isCountryCode, type Clock, type CountryCode } from '@crm/kernel';
import type { AuditSink } from '../audit';
import { denialEntry } from '../enforce';
import { ForbiddenError, InvalidResourceError } from '../errors';
import type { Resource } from '../policy';
import type { Principal } from '../principal';
import { AUTHENTICATED_ONLY, IS_PUBLIC, REQUIRED_OPERATION, type OperationRequirement } from './decorators';
import { readField, type AuthRequest } from './request';
import { AUDIT_SINK, AUTH_CLOCK } from './tokens';

const NOT_DECLARED = {
  es: 'Esta ruta no declara ninguna operación autorizable y se deniega por defecto.',
  en: 'This route declares no authorisable operation and is denied by default.',
};

/**
 * Global guard (after AuthGuard): authorises the route's `@RequireOperation` with the policy that declared it
 * (the service's `definePolicy` rows, carried by the decorator).
 * Routes with neither `@Public()`, `@AuthenticatedOnly()` nor `@RequireOperation()` are denied (default deny).
 * Every denial is recorded in the AuditSink before the 403 is returned.
 */
@Injectable()
export class OperationGuard implements CanActivate {
  private readonly logger = new Logger('OperationGuard');

  constructor(
    private readonly reflector: Reflector,
    @Inject(AUDIT_SINK) private readonly audit: AuditSink,
    @Inject(AUTH_CLOCK) private readonly clock: Clock,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const req = context.switchToHttp().getRequest<AuthRequest>();
    const principal = req.principal;
    if (!principal)
      throw new Error('OperationGuard ran without an authenticated principal (register AuthGuard first)');
    const requirement = this.reflector.getAllAndOverride<OperationRequirement | undefined>(
      REQUIRED_OPERATION,
      targets,
    );
    if (!requirement) {
      if (this.reflector.getAllAndOverride<boolean>(AUTHENTICATED_ONLY, targets)) return true;
      await this.deny(req, principal, '(none)', {}, 'operation_not_declared');
      throw new ForbiddenError('operation_not_declared', NOT_DECLARED);
    }
    const resource = resourceOf(req, requirement);
    const decision = requirement.policy.authorize(principal, requirement.operation, resource);
    if (decision.allowed) return true;
    await this.deny(req, principal, requirement.operation, resource, decision.reason);
    throw new ForbiddenError(decision.reason, decision.message, { operation: requirement.operation });
  }

  private async deny(
    req: AuthRequest,
    principal: Principal,
    operation: string,
    resource: Resource,
    reason: string,
  ): Promise<void> {
    try {
      const where = {
        ...resource,
        method: req.method,
        path: (req.originalUrl ?? req.url ?? '').split('?')[0],
      };
      await this.audit.record(denialEntry(this.clock(), principal, operation, where, reason));
    } catch (e) {
      // The request is denied either way; a failing audit sink must be visible to operators.
      this.logger.error(`audit sink failed to record a denial: ${(e as Error).message}`);
    }
  }
}

function resourceOf(req: AuthRequest, { options }: OperationRequirement): Resource {
  const resource: Resource = {};
  if (options.fixedCountry) resource.country = options.fixedCountry;
  if (options.country) {
    const value = readField(req, options.country);
    if (value !== undefined && value !== null && value !== '') {
      const upper = typeof value === 'string' ? value.toUpperCase() : value;
      if (!isCountryCode(upper)) throw new InvalidResourceError(options.country, value);
      resource.country = upper;
    }
  }
  if (options.addressedTo) {
    const value = readField(req, options.addressedTo);
    if (value !== undefined && value !== null) {
      const list = Array.isArray(value) ? value : [value];
      const codes: CountryCode[] = [];
      for (const v of list) {
        if (!isCountryCode(v)) throw new InvalidResourceError(options.addressedTo, v);
        codes.push(v);
      }
      resource.addressedTo = codes;
    }
  }
  if (options.purpose) {
    const value = readField(req, options.purpose);
    if (typeof value === 'string') resource.purpose = value;
  }
  return resource;
}
