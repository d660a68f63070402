import { DataSource } from 'typeorm';
import {
  loadPlatformConfig,
  openDatabase,
  runMigrations,
  type DatabaseHandle,
  type PlatformConfig,
} from '@crm/config';
import type { EventStore } from '@crm/event-store';
import { PostgresEventStore } from '@crm/event-store-postgres';
import type { Bus, CheckpointStore } from '@crm/messaging';
import { KafkaBus } from '@crm/messaging-kafka';
import { PostgresBus, PostgresCheckpointStore } from '@crm/messaging-postgres';
import { systemClock, type Clock, type LogPort } from '@crm/kernel';

/**
 * The infrastructure one service process runs on, chosen by configuration: the embedded default
 * (PostgreSQL as event store, bus and read-model database) or the production topology (EventStoreDB,
 * Kafka, external PostgreSQL). Services receive these ports and never build adapters themselves.
 */
export interface Platform {
  config: PlatformConfig;
  database: DatabaseHandle;
  store: EventStore;
  bus: Bus;
  checkpoints: CheckpointStore;
  clock: Clock;
  /** A TypeORM data source on the service's own schema (created on first use). */
  dataSource(schema: string): Promise<DataSource>;
  close(): Promise<void>;
}

export interface CreatePlatformOptions {
  config?: PlatformConfig;
  clock?: Clock;
  log?: (line: string) => void;
  /** Where the PostgreSQL bus reports connection errors and dead letters (default: `log` lines). */
  logger?: LogPort;
}

export async function createPlatform(options: CreatePlatformOptions = {}): Promise<Platform> {
  const config = options.config ?? loadPlatformConfig();
  const clock = options.clock ?? systemClock;
  const log = options.log ?? (() => undefined);
  const database = await openDatabase(config, log);
  const closers: Array<() => Promise<void>> = [() => database.stop()];
  try {
    const store = await openEventStore(config, database.url, clock);
    closers.unshift(() => store.close());
    const bus: Bus =
      config.bus === 'kafka'
        ? new KafkaBus({ brokers: config.kafkaBrokers, clientId: 'crm' })
        : await PostgresBus.connect({
            url: database.url,
            ...(options.logger ? { logger: options.logger } : { log }),
          });
    closers.unshift(() => bus.close());
    const checkpoints = await PostgresCheckpointStore.connect({ url: database.url });
    closers.unshift(() => checkpoints.close());
    const sources = new Map<string, Promise<DataSource>>();
    return {
      config,
      database,
      store,
      bus,
      checkpoints,
      clock,
      dataSource(schema: string) {
        let ds = sources.get(schema);
        if (!ds) {
          ds = openDataSource(database.url, schema);
          sources.set(schema, ds);
          closers.unshift(async () => (await ds!).destroy());
        }
        return ds;
      },
      async close() {
        for (const close of closers.splice(0))
          await close().catch((e) => log(`[platform] close: ${String(e)}`));
      },
    };
  } catch (e) {
    for (const close of closers) await close().catch(() => undefined);
    throw e;
  }
}

async function openEventStore(config: PlatformConfig, url: string, clock: Clock): Promise<EventStore> {
  if (config.eventStore === 'eventstoredb') {
    const { EventStoreDbEventStore } = await import('@crm/event-store-eventstoredb');
    return EventStoreDbEventStore.connect({ connectionString: config.eventStoreConnectionString!, clock });
  }
  return PostgresEventStore.connect({ url, clock });
}

async function openDataSource(url: string, schema: string): Promise<DataSource> {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`invalid schema name ${schema}`);
  // the schema (and its migrations table) under the schema's migration lock; its owners add their migrations
  await runMigrations(url, { schema, migrations: [] });
  // search_path makes raw SQL of the service land in its own schema too, not only TypeORM entities.
  const ds = new DataSource({
    type: 'postgres',
    url,
    schema,
    poolSize: 5,
    extra: { options: `-c search_path="${schema}"` },
  });
  return ds.initialize();
}
