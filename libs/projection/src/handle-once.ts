import type { DataSource, EntityManager } from 'typeorm';
import { assertIdentifier } from './schema';

export interface HandleOnceKey {
  /** The consumer (projection or integration handler) name: dedup is per consumer. */
  consumer: string;
  /** The idempotency key: the event id (CloudEvents `ce_id` for bus messages). */
  eventId: string;
  /** When given, the consumer's checkpoint moves to this position in the same transaction. */
  position?: bigint | string;
  /** Schema of the bookkeeping tables (default `public`). */
  schema?: string;
}

export interface HandleOnceResult {
  /** False when the event had already been processed by this consumer: the effects were skipped. */
  applied: boolean;
}

/**
 * Runs `effects` at most once per (consumer, eventId): the effects, the processed-event row and the
 * checkpoint commit in ONE transaction. A redelivered event finds its row and changes nothing; an effect
 * that throws rolls everything back, so the retry starts from a clean slate and applies exactly once.
 * Two concurrent deliveries of one event serialise on the primary key: the second sees the first's row.
 */
export async function handleOnce(
  dataSource: DataSource,
  key: HandleOnceKey,
  effects: (manager: EntityManager) => Promise<void>,
): Promise<HandleOnceResult> {
  if (!key.consumer || !key.eventId) throw new Error('handleOnce: consumer and eventId are required');
  const s = assertIdentifier(key.schema ?? 'public');
  return dataSource.transaction(async (manager) => {
    const inserted: unknown[] = await manager.query(
      `INSERT INTO ${s}.processed_events (consumer, event_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING 1`,
      [key.consumer, key.eventId],
    );
    const applied = inserted.length === 1;
    if (applied) await effects(manager);
    if (key.position !== undefined) await saveCheckpoint(manager, s, key.consumer, key.position);
    return { applied };
  });
}

/** Upserts a checkpoint inside the caller's transaction; an older position never overwrites a newer one. */
export async function saveCheckpoint(
  manager: EntityManager,
  schema: string,
  consumer: string,
  position: bigint | string,
): Promise<void> {
  const s = assertIdentifier(schema);
  await manager.query(
    `INSERT INTO ${s}.consumer_checkpoints (consumer, position) VALUES ($1, $2)
     ON CONFLICT (consumer) DO UPDATE SET position = EXCLUDED.position, updated_at = now()
     WHERE ${s}.consumer_checkpoints.position < EXCLUDED.position`,
    [consumer, position.toString()],
  );
}

export async function loadCheckpoint(
  manager: EntityManager | DataSource,
  schema: string,
  consumer: string,
): Promise<bigint | undefined> {
  const s = assertIdentifier(schema);
  const rows: Array<{ position: string }> = await manager.query(
    `SELECT position::text AS position FROM ${s}.consumer_checkpoints WHERE consumer = $1`,
    [consumer],
  );
  return rows[0] ? BigInt(rows[0].position) : undefined;
}
