import { InternalError } from '@crm/kernel';
import type { Pool } from 'pg';
import {
  DataSource,
  MigrationExecutor,
  type Logger,
  type MigrationInterface,
  type QueryRunner,
} from 'typeorm';
import type { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';

/** A TypeORM migration class (`export class CreateX1733000000000 implements MigrationInterface`). */
export type MigrationClass = new () => MigrationInterface;

/**
 * Where migrations run: a connection URL, a TypeORM DataSource or a pg Pool. Only the connection settings are
 * used; the migrations run on a connection of their own, closed before `runMigrations` resolves.
 */
export type MigrationTarget = string | DataSource | Pool;

export interface RunMigrationsOptions {
  /** The schema the migrations write to (created if missing); `<schema>.migrations` records which ran. */
  schema: string;
  /** The owner's migrations, oldest first. Names end in a 13-digit timestamp and are unique in the schema. */
  migrations: readonly MigrationClass[];
}

const SCHEMA_PATTERN = /^[a-z_][a-z0-9_]{0,62}$/;

/** TypeORM prints a failed migration to the console whatever `logging` says; the error we throw names it. */
const SILENT: Logger = {
  logQuery: () => undefined,
  logQueryError: () => undefined,
  logQuerySlow: () => undefined,
  logSchemaBuild: () => undefined,
  logMigration: () => undefined,
  log: () => undefined,
};

/** A migration that could not run: the schema, the cause, both languages. Start-up stops with it. */
export class SchemaMigrationError extends InternalError {}

/** The advisory-lock name of a schema's migrations: every owner of one schema serialises on it. */
export function migrationLockName(schema: string): string {
  return `crm.migrations:${schema}`;
}

/**
 * Runs the pending TypeORM migrations of one schema, ONE way for every owner of a schema (event store, bus,
 * audit, key store, consumer bookkeeping, a service's read models):
 * - under the session advisory lock `hashtextextended('crm.migrations:<schema>', 0)`, held on the connection
 *   the migrations run on, so two processes starting together run them once (the second finds them recorded);
 * - the schema is created (under the lock) when missing, then `<schema>.migrations` lists what ran;
 * - each migration in its own transaction (`migrationsTransactionMode: 'each'`): a failing one leaves the
 *   earlier ones recorded and nothing of itself.
 * Several owners may share a schema's table (the plan's read models and the projection bookkeeping in
 * `plan_read`): each runs its own list, rows of the others are left alone. Resolves with the names applied now.
 */
export async function runMigrations(
  target: MigrationTarget,
  options: RunMigrationsOptions,
): Promise<string[]> {
  const { schema } = options;
  if (!SCHEMA_PATTERN.test(schema)) {
    throw new SchemaMigrationError(
      'database.invalid_schema',
      {
        es: `Nombre de esquema de base de datos no válido: ${schema}`,
        en: `Invalid database schema name: ${schema}`,
      },
      { schema },
    );
  }
  const dataSource = new DataSource({
    ...connectionOf(target),
    type: 'postgres',
    schema,
    migrations: [...options.migrations],
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    entities: [],
    subscribers: [],
    synchronize: false,
    migrationsRun: false,
    logging: false,
    logger: SILENT,
  });
  try {
    await dataSource.initialize();
    const runner = dataSource.createQueryRunner();
    try {
      const lock = migrationLockName(schema);
      await runner.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [lock]);
      try {
        await runner.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
        const executor = new MigrationExecutor(dataSource, runner);
        executor.transaction = 'each';
        const applied = await executor.executePendingMigrations();
        return applied.map((m) => m.name);
      } finally {
        await runner
          .query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [lock])
          .catch(() => undefined);
      }
    } finally {
      await runner.release();
    }
  } catch (e) {
    if (e instanceof SchemaMigrationError) throw e;
    const cause = e instanceof Error ? e.message : String(e);
    throw new SchemaMigrationError(
      'database.migration_failed',
      {
        es: `No se pudieron aplicar las migraciones del esquema ${schema}: ${cause}`,
        en: `Could not apply the migrations of schema ${schema}: ${cause}`,
      },
      { schema, cause },
    );
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy().catch(() => undefined);
  }
}

/** The quoted schema a migration runs in (`"plan_read"`): the `schema` given to `runMigrations`. */
export function migrationSchema(queryRunner: QueryRunner): string {
  const schema = (queryRunner.connection.options as { schema?: string }).schema;
  if (!schema || !SCHEMA_PATTERN.test(schema)) {
    throw new Error('this migration runs through runMigrations (@crm/config), which sets the schema');
  }
  return `"${schema}"`;
}

/** The connection settings of a target, on a pool of one connection (the one holding the lock). */
function connectionOf(target: MigrationTarget): Partial<PostgresConnectionOptions> {
  if (typeof target === 'string') return { url: target, extra: { max: 1 } };
  if (target instanceof DataSource) {
    const o = target.options;
    if (o.type !== 'postgres') throw new Error(`runMigrations needs a PostgreSQL DataSource, not ${o.type}`);
    const { url, host, port, username, password, database, ssl, applicationName, connectTimeoutMS } = o;
    return {
      url,
      host,
      port,
      username,
      password,
      database,
      ssl,
      applicationName,
      connectTimeoutMS,
      extra: { ...(o.extra ?? {}), max: 1 },
    };
  }
  // pg keeps the password as a non-enumerable property of the pool's options
  const o = target.options;
  return { extra: { ...o, password: o.password, max: 1 } };
}
