import {
  ANY,
  ErrorType,
  NO_STREAM,
  STREAM_EXISTS,
  eventTypeFilter,
  streamNameFilter,
  type AppendExpectedRevision,
  type CurrentRevision,
  type Filter,
  type Position as EsdbPosition,
} from '@eventstore/db-client';
import {
  EventStoreValidationError,
  STREAM_NAME_PATTERN,
  WrongExpectedRevisionError,
  type AllFilter,
  type EventMetadata,
  type ExpectedRevision,
  type Position,
  type RecordedEvent,
  type StreamName,
} from '@crm/event-store';

// ---- revisions ------------------------------------------------------------------------------------
// Ours: JS numbers, 0-based, -1 = no stream. ESDB: bigint, 0-based, 'no_stream'.

export function toEsdbExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  if (expected === 'no_stream') return NO_STREAM;
  if (expected === 'stream_exists') return STREAM_EXISTS;
  if (expected === 'any') return ANY;
  return BigInt(expected);
}

/** The exact revision the adapter appends at (it always appends at the head it read, for the hash chain). */
export function exactEsdbRevision(current: number): AppendExpectedRevision {
  return current < 0 ? NO_STREAM : BigInt(current);
}

export function fromEsdbRevision(revision: bigint): number {
  const n = Number(revision);
  if (!Number.isSafeInteger(n))
    throw new Error(`EventStoreDB revision ${revision} is beyond JavaScript's safe integers`);
  return n;
}

/** ESDB current revision (bigint or 'no_stream') -> ours (-1 for no stream). */
export function fromEsdbCurrentRevision(current: CurrentRevision | undefined): number {
  if (current === undefined || current === NO_STREAM) return -1;
  return fromEsdbRevision(current);
}

// ---- positions ------------------------------------------------------------------------------------
/**
 * Our Position is one bigint: the event's log position. Every event written through the gRPC API
 * (single-stream appends, "implicit transactions" of IsCommitted prepare records) has
 * commit === prepare === the prepare record's log position, so one number is exact and the $all order
 * is its numeric order. Events of legacy explicit TCP transactions (commit > prepare, several events
 * sharing one commit position) cannot be expressed and are refused with UnsupportedPositionError.
 * Resuming: our P becomes {commit: P, prepare: P}; reads are inclusive of it on the server and the
 * adapter drops every event at or before P, so `fromPosition` is exclusive and gap-free.
 */
export class UnsupportedPositionError extends Error {
  constructor(position: EsdbPosition | undefined, what: string) {
    super(
      position === undefined
        ? `EventStoreDB returned no position for ${what} (server older than 22.6?)`
        : `EventStoreDB position C:${position.commit}/P:${position.prepare} of ${what} has commit != prepare: events of explicit (legacy TCP) transactions are not supported`,
    );
    this.name = 'UnsupportedPositionError';
  }
}

export function fromEsdbPosition(position: EsdbPosition | undefined, what = 'an event'): Position {
  if (!position || position.commit !== position.prepare) throw new UnsupportedPositionError(position, what);
  return position.commit;
}

export function toEsdbPosition(position: Position): EsdbPosition {
  return { commit: position, prepare: position };
}

// ---- errors ---------------------------------------------------------------------------------------

interface EsdbErrorLike {
  type?: unknown;
  streamName?: unknown;
  actualVersion?: CurrentRevision;
  maxAppendSize?: unknown;
}

/** ESDB WrongExpectedVersionError -> our WrongExpectedRevisionError (with the caller's expectation). */
export function translateAppendError(
  error: unknown,
  stream: StreamName,
  expected: ExpectedRevision,
): unknown {
  const e = error as EsdbErrorLike | null;
  if (!e || typeof e !== 'object') return error;
  if (e.type === ErrorType.WRONG_EXPECTED_VERSION)
    return new WrongExpectedRevisionError(stream, expected, fromEsdbCurrentRevision(e.actualVersion));
  if (e.type === ErrorType.MAXIMUM_APPEND_SIZE_EXCEEDED) {
    return new EventStoreValidationError(
      'event_too_large',
      {
        es: `La operación supera el tamaño máximo de escritura del servidor EventStoreDB (${String(e.maxAppendSize)} bytes).`,
        en: `The append exceeds the EventStoreDB server's maximum append size (${String(e.maxAppendSize)} bytes).`,
      },
      { stream, maxAppendSize: String(e.maxAppendSize) },
    );
  }
  return error;
}

export function isWrongExpectedVersion(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as EsdbErrorLike).type === ErrorType.WRONG_EXPECTED_VERSION
  );
}

export function isStreamNotFound(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as EsdbErrorLike).type === ErrorType.STREAM_NOT_FOUND
  );
}

// ---- events -----------------------------------------------------------------------------------------

/** What ESDB gives back for one event (the parts the adapter reads). */
export interface EsdbRecord {
  streamId: string;
  id: string;
  revision: bigint;
  type: string;
  isJson: boolean;
  data: unknown;
  metadata: unknown;
  position?: EsdbPosition;
}

/** System streams ($…) and streams not named by our rules are never ours: readers skip them. */
export function isPlatformStream(streamId: string): boolean {
  return STREAM_NAME_PATTERN.test(streamId);
}

const str = (v: unknown) => typeof v === 'string';

/** Our metadata as stored in the ESDB event's metadata JSON (exactly EventMetadata, nothing else). */
export function serialiseMetadata(metadata: EventMetadata): Record<string, unknown> {
  return { ...metadata };
}

export function parseMetadata(raw: unknown, where: string): EventMetadata {
  const m = raw as Partial<EventMetadata> | null;
  const ok =
    m !== null &&
    typeof m === 'object' &&
    !(m instanceof Uint8Array) &&
    str(m.eventId) &&
    str(m.type) &&
    Number.isSafeInteger(m.schemaVersion) &&
    str(m.occurredAt) &&
    str(m.recordedAt) &&
    typeof m.actor === 'object' &&
    m.actor !== null &&
    str(m.actor.subject) &&
    str(m.actor.role) &&
    str(m.actor.country) &&
    Array.isArray(m.countries) &&
    str(m.correlationId) &&
    (m.causationId === null || str(m.causationId)) &&
    str(m.previousHash) &&
    str(m.hash);
  if (!ok) throw new Error(`EventStoreDB event ${where} has no valid platform metadata`);
  return m as EventMetadata;
}

export function toRecordedEvent(record: EsdbRecord): RecordedEvent {
  const where = `${record.streamId}@${record.revision}`;
  if (!record.isJson) throw new Error(`EventStoreDB event ${where} is not JSON`);
  return {
    streamName: record.streamId,
    revision: fromEsdbRevision(record.revision),
    position: fromEsdbPosition(record.position, where),
    type: record.type,
    data: record.data,
    metadata: parseMetadata(record.metadata, where),
  };
}

// ---- filters ----------------------------------------------------------------------------------------

/**
 * The narrowest filter the server can apply for `filter` (one ESDB filter: on stream name OR event type).
 * Everything (including country and recordedUpTo, which the server cannot see) is re-checked client-side
 * with `matchesFilter`, so this only has to be a superset. Without stream filters it still excludes
 * system streams: platform stream names start with a lower-case letter.
 */
export function serverFilter(filter: AllFilter | undefined): Filter {
  const prefixes = filter?.streamPrefixes ?? filter?.categories?.map((c) => `${c}-`);
  if (prefixes && prefixes.length > 0) return streamNameFilter({ prefixes });
  if (filter?.eventTypes && filter.eventTypes.length > 0) {
    return eventTypeFilter({ regex: `^(?:${filter.eventTypes.map(escapeRegex).join('|')})$` });
  }
  return streamNameFilter({ regex: '^[a-z]' });
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
