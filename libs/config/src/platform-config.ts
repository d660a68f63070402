import { InternalError } from '@crm/kernel';

/** Every setting the platform reads from the environment, in one place (the README's configuration table). */
export interface PlatformConfig {
  /** External PostgreSQL; when absent an embedded PostgreSQL is started in `dataDir`. */
  databaseUrl?: string;
  /** Project-local folder for the embedded database, dev keys and other local state. */
  dataDir: string;
  /** Fixed port for the embedded PostgreSQL (default: a free port). */
  embeddedPostgresPort?: number;
  eventStore: 'postgres' | 'eventstoredb';
  eventStoreConnectionString?: string;
  bus: 'postgres' | 'kafka';
  kafkaBrokers: string[];
}

export class ConfigurationError extends InternalError {}

function fail(variable: string, es: string, en: string): never {
  throw new ConfigurationError(
    'config.invalid',
    { es: `${variable}: ${es}`, en: `${variable}: ${en}` },
    { variable },
  );
}

function oneOf<T extends string>(
  env: NodeJS.ProcessEnv,
  name: string,
  allowed: readonly T[],
  fallback: T,
): T {
  const v = env[name];
  if (v === undefined || v === '') return fallback;
  if (!(allowed as readonly string[]).includes(v)) {
    fail(
      name,
      `valor "${v}" no admitido; use ${allowed.join(' | ')}`,
      `unsupported value "${v}"; use ${allowed.join(' | ')}`,
    );
  }
  return v as T;
}

/** Reads and checks the configuration; an invalid value stops start-up with an es/en message. */
export function loadPlatformConfig(env: NodeJS.ProcessEnv = process.env): PlatformConfig {
  const eventStore = oneOf(env, 'EVENT_STORE', ['postgres', 'eventstoredb'] as const, 'postgres');
  const bus = oneOf(env, 'BUS', ['postgres', 'kafka'] as const, 'postgres');
  const kafkaBrokers = (env.KAFKA_BROKERS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (bus === 'kafka' && kafkaBrokers.length === 0) {
    fail('KAFKA_BROKERS', 'es obligatorio cuando BUS=kafka', 'is required when BUS=kafka');
  }
  if (eventStore === 'eventstoredb' && !env.EVENTSTORE_CONNECTION_STRING) {
    fail(
      'EVENTSTORE_CONNECTION_STRING',
      'es obligatorio cuando EVENT_STORE=eventstoredb',
      'is required when EVENT_STORE=eventstoredb',
    );
  }
  let embeddedPostgresPort: number | undefined;
  if (env.EMBEDDED_PG_PORT) {
    embeddedPostgresPort = Number(env.EMBEDDED_PG_PORT);
    if (!Number.isInteger(embeddedPostgresPort) || embeddedPostgresPort < 1 || embeddedPostgresPort > 65535) {
      fail('EMBEDDED_PG_PORT', 'debe ser un puerto TCP', 'must be a TCP port');
    }
  }
  if (env.DATABASE_URL && !/^postgres(ql)?:\/\//.test(env.DATABASE_URL)) {
    fail('DATABASE_URL', 'debe empezar por postgres://', 'must start with postgres://');
  }
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.CRM_DATA_DIR || '.data',
    embeddedPostgresPort,
    eventStore,
    eventStoreConnectionString: env.EVENTSTORE_CONNECTION_STRING || undefined,
    bus,
    kafkaBrokers,
  };
}
