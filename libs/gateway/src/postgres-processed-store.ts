import { runMigrations, type MigrationTarget } from '@crm/config';
import type { CountryCode } from '@crm/kernel';
import { GATEWAY_MIGRATIONS } from './migrations';
import type { ProcessedRecord, ProcessedStore } from './processed-store';

/** Anything that runs a parameterised SQL query: a TypeORM DataSource or EntityManager, a pg Pool. */
export interface Queryable {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/** TypeORM's `query` resolves to the rows, pg's to a result with `rows`: accept both. */
async function rowsOf(
  db: Queryable,
  sql: string,
  parameters?: unknown[],
): Promise<Array<Record<string, unknown>>> {
  const result = await db.query(sql, parameters);
  if (Array.isArray(result)) return result as Array<Record<string, unknown>>;
  const rows = (result as { rows?: unknown } | null)?.rows;
  return Array.isArray(rows) ? (rows as Array<Record<string, unknown>>) : [];
}

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * The processed-id table of inbound gateways, in the service's own schema (`libs/gateway/src/migrations`):
 * `inbound_processed(consumer, country, event_id)` primary key, plus where the record was read and which
 * outcome was published. A row is written only after the outcome was acknowledged by the bus.
 */
export class PostgresProcessedStore implements ProcessedStore {
  private readonly table: string;

  private constructor(
    private readonly db: Queryable,
    schema: string,
  ) {
    this.table = `"${schema}".inbound_processed`;
  }

  /**
   * Runs the gateway's migrations in `schema` (runMigrations: under the schema's advisory lock, so services
   * starting together are safe) and queries through `db`, a DataSource or a pg Pool on that database.
   */
  static async open(
    db: Queryable & Exclude<MigrationTarget, string>,
    schema = 'public',
  ): Promise<PostgresProcessedStore> {
    if (!IDENTIFIER.test(schema)) throw new Error(`invalid schema name: ${schema}`);
    await runMigrations(db, { schema, migrations: GATEWAY_MIGRATIONS });
    return new PostgresProcessedStore(db, schema);
  }

  async find(consumer: string, country: CountryCode, eventId: string): Promise<ProcessedRecord | null> {
    const rows = await rowsOf(
      this.db,
      `SELECT consumer, country, event_id, topic, kafka_partition, kafka_offset, outcome_type FROM ${this.table}
        WHERE consumer = $1 AND country = $2 AND event_id = $3`,
      [consumer, country, eventId],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      consumer: String(row.consumer),
      country: row.country as CountryCode,
      eventId: String(row.event_id),
      topic: String(row.topic),
      partition: Number(row.kafka_partition),
      offset: String(row.kafka_offset),
      outcomeType: String(row.outcome_type),
    };
  }

  async markProcessed(record: ProcessedRecord): Promise<void> {
    await this.db.query(
      `INSERT INTO ${this.table} (consumer, country, event_id, topic, kafka_partition, kafka_offset, outcome_type)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
      [
        record.consumer,
        record.country,
        record.eventId,
        record.topic,
        record.partition,
        record.offset,
        record.outcomeType,
      ],
    );
  }

  /** Number of processed ids of a consumer (tests, operations). */
  async count(consumer: string): Promise<number> {
    const rows = await rowsOf(this.db, `SELECT count(*)::int AS n FROM ${this.table} WHERE consumer = $1`, [
      consumer,
    ]);
    return Number(rows[0]?.n ?? 0);
  }
}
