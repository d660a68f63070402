import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Policy, Resource } from '../policy';
import type { Principal } from '../principal';

export const IS_PUBLIC = 'crm:auth:public';
export const AUTHENTICATED_ONLY = 'crm:auth:authenticated-only';
export const REQUIRED_OPERATION = 'crm:auth:operation';

/** The route needs no token (health checks, JWKS, the login endpoint). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);

/** The route needs a valid token but no particular operation (e.g. "who am I"). */
export const AuthenticatedOnly = (): MethodDecorator & ClassDecorator =>
  SetMetadata(AUTHENTICATED_ONLY, true);

/**
 * Where a request value lives: `params.<name>`, `body.<dotted.path>`, `query.<name>` or `headers.<name>`.
 * Examples: 'params.country', 'body.report.country', 'headers.x-purpose'.
 */
export type RequestField = `${'params' | 'body' | 'query' | 'headers'}.${string}`;

export interface OperationOptions {
  /** Where to find the resource's country. */
  country?: RequestField;
  /** Where to find the countries the resource is addressed to (a code or an array of codes). */
  addressedTo?: RequestField;
  /** Where to find the stated purpose (personal-data reads). */
  purpose?: RequestField;
  /** Fixed country for routes about one country only (rare). */
  fixedCountry?: Resource['country'];
}

/** What a route's `RequireOperation` (a method of the service's Policy, see definePolicy) records. */
export interface OperationRequirement {
  policy: Pick<Policy, 'authorize'>;
  operation: string;
  options: OperationOptions;
}

/** The authenticated Principal of the request. */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): Principal | undefined => {
    return ctx.switchToHttp().getRequest<{ principal?: Principal }>().principal;
  },
);
