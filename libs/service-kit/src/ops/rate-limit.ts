import { SetMetadata, type DynamicModule, type ExecutionContext } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import type { OperationsConfig } from '../config/service-config';

const LOGIN_RATE_LIMITED = 'crm.loginRateLimited';

/** One minute, the window of both limits. */
export const RATE_LIMIT_WINDOW_MS = 60_000;

/**
 * The tight limit of a login route: LOGIN_RATE_LIMIT_PER_MINUTE attempts per minute per client address
 * (default 10), on top of the general limit. The identity service puts it on `POST /auth/login`.
 */
export const LoginRateLimit = (): MethodDecorator => SetMetadata(LOGIN_RATE_LIMITED, true);

function isLoginRoute(context: ExecutionContext): boolean {
  return Reflect.getMetadata(LOGIN_RATE_LIMITED, context.getHandler()) === true;
}

/**
 * @nestjs/throttler with two limits (in-memory, per process; `docs/operations.md`):
 * - `default`: RATE_LIMIT_PER_MINUTE requests per minute per client address over all routes together (0: off);
 * - `login`: LOGIN_RATE_LIMIT_PER_MINUTE per minute per client address on routes marked `@LoginRateLimit()`.
 * Exceeding one answers 429 `http.rate_limited` (es/en) with `Retry-After` (seconds).
 */
export function rateLimitModule(operations: OperationsConfig): DynamicModule {
  return ThrottlerModule.forRoot({
    throttlers: [
      {
        name: 'default',
        ttl: RATE_LIMIT_WINDOW_MS,
        limit: Math.max(1, operations.rateLimitPerMinute),
        skipIf: () => operations.rateLimitPerMinute === 0,
      },
      {
        name: 'login',
        ttl: RATE_LIMIT_WINDOW_MS,
        limit: operations.loginRateLimitPerMinute,
        skipIf: (context) => !isLoginRoute(context),
      },
    ],
    // the general limit counts every route of the address together; the login limit counts each login route
    generateKey: (context, tracker, name) =>
      name === 'default'
        ? `default:${tracker}`
        : `${name}:${context.getClass().name}.${context.getHandler().name}:${tracker}`,
  });
}
