import type { Position } from '@crm/event-store';

/** Where a relay (or any checkpointed reader) keeps the last event-store position it fully handled. */
export interface CheckpointStore {
  load(name: string): Promise<Position | undefined>;
  /** Never moves a checkpoint backwards: saving an older position than the stored one changes nothing. */
  save(name: string, position: Position): Promise<void>;
}

/** In-process checkpoints for unit tests. */
export class MemoryCheckpointStore implements CheckpointStore {
  private readonly positions = new Map<string, Position>();

  async load(name: string): Promise<Position | undefined> {
    return this.positions.get(name);
  }

  async save(name: string, position: Position): Promise<void> {
    const current = this.positions.get(name);
    if (current === undefined || position > current) this.positions.set(name, position);
  }
}
