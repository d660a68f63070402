import { EventStoreValidationError, WrongExpectedRevisionError } from './errors';
import type { ExpectedRevision, Position, StreamName } from './types';

/** An event already stored in the stream, as far as idempotency needs to know it. */
export interface StoredId {
  eventId: string;
  revision: number;
  position: Position;
}

/**
 * Idempotent re-append: when EVERY event id of the batch is already stored in the stream, in the same
 * order at consecutive revisions, the append is a retry and succeeds without writing (whatever the
 * expected revision). When only SOME are stored, the batch is refused with 'duplicate_event_id'.
 * `stored` may hold more than the batch's ids (they are looked up by id). Returns the last one on retry.
 */
export function findRetry(stream: StreamName, batchIds: string[], stored: StoredId[]): StoredId | undefined {
  const byId = new Map(stored.map((s) => [s.eventId.toLowerCase(), s]));
  const found = batchIds.map((id) => byId.get(id.toLowerCase()));
  const present = found.filter((f): f is StoredId => f !== undefined);
  if (present.length === 0) return undefined;
  const consecutive =
    present.length === batchIds.length && present.every((f, i) => f.revision === present[0].revision + i);
  if (consecutive) return present[present.length - 1];
  throw new EventStoreValidationError(
    'duplicate_event_id',
    {
      es: `El flujo ${stream} ya contiene ${present.length} de los ${batchIds.length} eventos enviados (p. ej. ${present[0].eventId}); no se guardó nada.`,
      en: `Stream ${stream} already holds ${present.length} of the ${batchIds.length} events sent (e.g. ${present[0].eventId}); nothing was stored.`,
    },
    { stream, eventIds: present.map((p) => p.eventId) },
  );
}

/** Throws WrongExpectedRevisionError unless `current` (-1 = no stream) satisfies `expected`. */
export function checkExpectedRevision(stream: StreamName, expected: ExpectedRevision, current: number): void {
  const ok =
    expected === 'any' ||
    (expected === 'no_stream' && current === -1) ||
    (expected === 'stream_exists' && current >= 0) ||
    expected === current;
  if (!ok) throw new WrongExpectedRevisionError(stream, expected, current);
}
