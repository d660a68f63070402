import { isIP } from 'node:net';
import { loadAuthConfig, type AuthConfig } from '@crm/auth';
import { loadKekRing, type KekRing } from '@crm/pii';
import {
  ConfigurationError,
  loadLogLevel,
  loadPlatformConfig,
  type LogLevelName,
  type PlatformConfig,
} from '@crm/config';
import { clockOffsetFrom } from './clock-offset';

/** How a service names its own listener variables, e.g. `PLAN_PORT` / `PLAN_HOST`, default port 3001. */
export interface ListenerSettings {
  portVariable: string;
  hostVariable: string;
  defaultPort: number;
}

/** What the configuration of a service depends on: its listener and whether it stores children's data. */
export interface ServiceSettings {
  listener: ListenerSettings;
  /** The service stores children's personal data: its key-encryption key is read (or generated) at start. */
  personalData?: boolean;
  /** False for a service without event store, bus or database (identity): no platform variables are read. */
  platform?: boolean;
}

/** Everything one service process reads from the environment, read and checked once at start. */
export interface ServiceConfig {
  /** Absent for a service without the platform (`platform: false`): its variables are not read. */
  platform?: PlatformConfig;
  auth: AuthConfig;
  /** TCP port (0: any free port). */
  port: number;
  /** Listen address: `<SERVICE>_HOST`, else 127.0.0.1 with the development issuer and 0.0.0.0 with OIDC. */
  host: string;
  logLevel: LogLevelName;
  /**
   * CRM_CLOCK_OFFSET in milliseconds (0: the real time): added to the service clock, i.e. the decision clock of
   * its commands and the clock of its deadline runners. Development and tests only (`clock-offset.ts`).
   */
  clockOffsetMs: number;
  /** Key-encryption keys of a service that stores children's personal data (absent otherwise). */
  kek?: { ring: KekRing; source: 'env' | 'file' | 'dev-file'; file?: string };
  /** Health, rate limits and CORS (`docs/operations.md`). */
  operations: OperationsConfig;
}

/** The operational settings every service reads (the same variables for every service). */
export interface OperationsConfig {
  /**
   * READY_MAX_LAG_EVENTS: `/health/ready` answers 503 when a relay or projection of the service has more
   * events than this still to handle (default 1000).
   */
  readyMaxLagEvents: number;
  /**
   * READY_MAX_BACKLOG_AGE_SECONDS: `/health/ready` answers 503 when the oldest due item of a backlog source
   * (a deadline runner's due-but-unfired deadlines) fell due longer ago than this (default 300), unless the
   * source sets its own limit.
   */
  readyMaxBacklogAgeSeconds: number;
  /** RATE_LIMIT_PER_MINUTE: requests per minute per client address over every route (default 300; 0: off). */
  rateLimitPerMinute: number;
  /** LOGIN_RATE_LIMIT_PER_MINUTE: login attempts per minute per client address (default 10). */
  loginRateLimitPerMinute: number;
  /** CORS_ORIGINS: the browser origins allowed to call the API (default none: CORS is off). */
  corsOrigins: string[];
}

export const OPERATIONS_DEFAULTS: OperationsConfig = {
  readyMaxLagEvents: 1000,
  readyMaxBacklogAgeSeconds: 300,
  rateLimitPerMinute: 300,
  loginRateLimitPerMinute: 10,
  corsOrigins: [],
};

function invalid(variable: string, es: string, en: string): ConfigurationError {
  return new ConfigurationError(
    'config.invalid',
    { es: `${variable}: ${es}`, en: `${variable}: ${en}` },
    { variable },
  );
}

const HOSTNAME =
  /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

export function portFrom(env: NodeJS.ProcessEnv, variable: string, fallback: number): number {
  const raw = env[variable];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isInteger(port) || port < 0 || port > 65535)
    throw invalid(
      variable,
      `debe ser un puerto TCP (0-65535), recibido "${raw}"`,
      `must be a TCP port (0-65535), received "${raw}"`,
    );
  return port;
}

export function hostFrom(env: NodeJS.ProcessEnv, variable: string, fallback: string): string {
  const raw = env[variable];
  if (raw === undefined || raw === '') return fallback;
  if (isIP(raw) === 0 && !HOSTNAME.test(raw))
    throw invalid(
      variable,
      `debe ser una dirección IP o un nombre de host, recibido "${raw}"`,
      `must be an IP address or a host name, received "${raw}"`,
    );
  return raw;
}

/** A whole number between `min` and `max` (inclusive), else a ConfigurationError naming the variable. */
export function integerFrom(
  env: NodeJS.ProcessEnv,
  variable: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const raw = env[variable];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value) || value < min || value > max)
    throw invalid(
      variable,
      `debe ser un número entero entre ${min} y ${max}, recibido "${raw}"`,
      `must be a whole number from ${min} to ${max}, received "${raw}"`,
    );
  return value;
}

/**
 * CORS_ORIGINS: comma-separated origins (`https://crm.example.org,http://localhost:5173`): scheme http or
 * https, a host, an optional port, nothing else (no path, no `*`). Empty or absent: CORS off.
 */
export function corsOriginsFrom(env: NodeJS.ProcessEnv, variable = 'CORS_ORIGINS'): string[] {
  const raw = env[variable];
  if (raw === undefined || raw.trim() === '') return [];
  return raw.split(',').map((entry) => {
    const origin = entry.trim();
    let url: URL | undefined;
    try {
      url = new URL(origin);
    } catch {
      url = undefined;
    }
    if (!url || !['http:', 'https:'].includes(url.protocol) || url.origin !== origin)
      throw invalid(
        variable,
        `cada entrada debe ser un origen http(s)://host[:puerto] sin ruta ni comodín, recibido "${origin}"`,
        `each entry must be an origin http(s)://host[:port] without a path or wildcard, received "${origin}"`,
      );
    return origin;
  });
}

/** The operational variables (`docs/operations.md`), checked like the others. */
export function loadOperationsConfig(env: NodeJS.ProcessEnv = process.env): OperationsConfig {
  const d = OPERATIONS_DEFAULTS;
  return {
    readyMaxLagEvents: integerFrom(env, 'READY_MAX_LAG_EVENTS', d.readyMaxLagEvents, 0, 1_000_000),
    readyMaxBacklogAgeSeconds: integerFrom(
      env,
      'READY_MAX_BACKLOG_AGE_SECONDS',
      d.readyMaxBacklogAgeSeconds,
      1,
      604_800,
    ),
    rateLimitPerMinute: integerFrom(env, 'RATE_LIMIT_PER_MINUTE', d.rateLimitPerMinute, 0, 1_000_000),
    loginRateLimitPerMinute: integerFrom(
      env,
      'LOGIN_RATE_LIMIT_PER_MINUTE',
      d.loginRateLimitPerMinute,
      1,
      10_000,
    ),
    corsOrigins: corsOriginsFrom(env),
  };
}

/**
 * The one configuration loader of a service process: platform (database, event store, bus; not with
 * `platform: false`), identity, listener, log level, the development clock offset, the operational settings (readiness lag bound, rate
 * limits, CORS) and, for a service that stores children's personal data, its key-encryption keys. An invalid
 * value throws a ConfigurationError whose es/en text names the variable, before anything (PostgreSQL, the Nest
 * application) has started.
 */
export function loadServiceConfig(
  service: ServiceSettings,
  env: NodeJS.ProcessEnv = process.env,
): ServiceConfig {
  const { listener } = service;
  const platform = service.platform === false ? undefined : loadPlatformConfig(env);
  const auth = loadAuthConfig(env);
  const logLevel = loadLogLevel(env);
  const clockOffsetMs = clockOffsetFrom(env, auth.mode);
  const port = portFrom(env, listener.portVariable, listener.defaultPort);
  const host = hostFrom(env, listener.hostVariable, auth.mode === 'dev' ? '127.0.0.1' : '0.0.0.0');
  const operations = loadOperationsConfig(env);
  const kek = service.personalData ? loadKekRing(env) : undefined;
  return {
    ...(platform ? { platform } : {}),
    auth,
    port,
    host,
    logLevel,
    clockOffsetMs,
    operations,
    ...(kek ? { kek } : {}),
  };
}
