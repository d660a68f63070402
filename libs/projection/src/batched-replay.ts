import type { AllFilter, EventStore, Position, RecordedEvent } from '@crm/event-store';
import { loadCheckpoint, saveCheckpoint } from './handle-once';
import type { DataSource, EntityManager } from 'typeorm';

export interface BatchedReplayOptions {
  store: Pick<EventStore, 'readAll'>;
  dataSource: DataSource;
  /** Schema of processed_events / consumer_checkpoints. */
  schema: string;
  consumer: string;
  filter?: AllFilter;
  batchSize?: number;
  /** Applies a page of events (already de-duplicated by processed id) inside the page's transaction. */
  apply(events: RecordedEvent[], manager: EntityManager): Promise<void>;
}

/**
 * Catches a projection up from its checkpoint a page at a time: each page's effects, its processed-event ids
 * and the checkpoint commit in ONE transaction (the same guarantee as handleOnce, per page instead of per
 * event). Used by the rebuild; the ProjectionRunner takes over from the checkpoint afterwards.
 * Returns the number of events applied.
 */
export async function replayInBatches(options: BatchedReplayOptions): Promise<number> {
  const batchSize = options.batchSize ?? 2000;
  const s = options.schema;
  let from: Position | undefined = await loadCheckpoint(options.dataSource, s, options.consumer);
  let applied = 0;
  for (;;) {
    const page = await options.store.readAll({
      fromPosition: from,
      maxCount: batchSize,
      filter: options.filter,
    });
    if (page.length === 0) return applied;
    await options.dataSource.transaction(async (manager) => {
      const fresh: Array<{ event_id: string }> = await manager.query(
        `INSERT INTO ${s}.processed_events (consumer, event_id) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING RETURNING event_id`,
        [options.consumer, page.map((e) => e.metadata.eventId)],
      );
      const ids = new Set(fresh.map((r) => r.event_id));
      const events = page.filter((e) => ids.has(e.metadata.eventId));
      await options.apply(events, manager);
      await saveCheckpoint(manager, s, options.consumer, page[page.length - 1].position);
      applied += events.length;
    });
    from = page[page.length - 1].position;
    if (page.length < batchSize) return applied;
  }
}
