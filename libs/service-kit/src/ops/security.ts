import type { INestApplication } from '@nestjs/common';
import helmet from 'helmet';
import type { OperationsConfig } from '../config/service-config';

/** Request headers a browser client may send cross-origin, and response headers it may read. */
export const CORS_ALLOWED_HEADERS = [
  'Authorization',
  'Content-Type',
  'Idempotency-Key',
  'If-Match',
  'If-None-Match',
  'X-Correlation-Id',
];
export const CORS_EXPOSED_HEADERS = ['ETag', 'X-Correlation-Id', 'Retry-After', 'Retry-After-login'];

/**
 * helmet with its defaults (CSP, HSTS, nosniff, frame denial, ...) except `upgrade-insecure-requests`: the
 * services listen on plain HTTP behind the TLS proxy, and the Swagger UI at /docs loads its own scripts and
 * styles from `'self'`. CORS is off unless CORS_ORIGINS lists origins; then exactly those.
 */
export function applySecurity(app: INestApplication, operations: OperationsConfig): void {
  app.use(helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } }));
  if (operations.corsOrigins.length > 0)
    app.enableCors({
      origin: operations.corsOrigins,
      methods: ['GET', 'HEAD', 'PUT', 'PATCH', 'POST', 'DELETE'],
      allowedHeaders: CORS_ALLOWED_HEADERS,
      exposedHeaders: CORS_EXPOSED_HEADERS,
      maxAge: 600,
    });
}
