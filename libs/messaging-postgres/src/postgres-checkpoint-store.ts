import { Pool } from 'pg';
import type { Position } from '@crm/event-store';
import { assertIdentifier, installBusSchema } from './schema';

/**
 * Relay checkpoints in `<schema>.relay_checkpoints` (default `bus`). Implements the CheckpointStore port of
 * `@crm/messaging` (relay). A checkpoint never moves backwards: the upsert only writes a greater position.
 */
export class PostgresCheckpointStore {
  private constructor(
    private readonly pool: Pool,
    private readonly schema: string,
    private readonly ownsPool: boolean,
  ) {}

  static async connect(
    options: { url: string; schema?: string } | { pool: Pool; schema?: string },
  ): Promise<PostgresCheckpointStore> {
    const schema = assertIdentifier(options.schema ?? 'bus');
    const ownsPool = !('pool' in options);
    await installBusSchema('pool' in options ? options.pool : options.url, schema);
    const pool =
      'pool' in options
        ? options.pool
        : new Pool({ connectionString: options.url, max: 2, application_name: 'crm-relay-checkpoints' });
    // an idle connection dropped by the server (restart) must not crash the process; the next query reconnects
    if (ownsPool) pool.on('error', () => undefined);
    return new PostgresCheckpointStore(pool, schema, ownsPool);
  }

  async load(name: string): Promise<Position | undefined> {
    const r = await this.pool.query<{ position: string }>(
      `SELECT position::text AS position FROM ${this.schema}.relay_checkpoints WHERE name = $1`,
      [name],
    );
    return r.rows[0] ? BigInt(r.rows[0].position) : undefined;
  }

  async save(name: string, position: Position): Promise<void> {
    await this.pool.query(
      `INSERT INTO ${this.schema}.relay_checkpoints (name, position) VALUES ($1, $2)
       ON CONFLICT (name) DO UPDATE SET position = EXCLUDED.position, updated_at = now()
       WHERE ${this.schema}.relay_checkpoints.position < EXCLUDED.position`,
      [name, position.toString()],
    );
  }

  async close(): Promise<void> {
    if (this.ownsPool) await this.pool.end();
  }
}
