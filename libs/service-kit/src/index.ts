// HTTP plumbing every service shares.
export * from './http/api-docs';
export * from './http/api-if-match';
export * from './http/idempotency';
export * from './http/idempotency-fingerprints';
export * from './http/etag';
export * from './http/body-errors';
export * from './http/validation';
export * from './http/swagger';
export * from './http/http-errors';
export * from './http/localized-error.filter';
export * from './http/health.controller';
export * from './http/migrations/1764633600000-create-idempotency-keys';

// Commands: the base class, per-call options, handler dependencies and event envelopes.
export * from './commands';

// Operations: logger, metrics, lag and backlog sources, rate limits, security headers and CORS.
export * from './ops/service-logger';
export * from './ops/metrics';
export * from './ops/lag';
export * from './ops/backlog';
export * from './ops/rate-limit';
export * from './ops/request-log';
export * from './ops/security';

// Configuration, bootstrap and shutdown.
export * from './config/service-config';
export * from './config/clock-offset';
export * from './bootstrap/tokens';
export * from './bootstrap/service-definition';
export * from './bootstrap/service-kit.module';
export * from './bootstrap/start-service';
export * from './bootstrap/run-service';

// Children's personal data: the protector of a service with `personalData: true`.
export * from './personal-data/personal-data.module';

// Kafka: the relay and the inbound gateway of a service.
export * from './integration/integration.module';
