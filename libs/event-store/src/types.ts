import type { CountryCode, Jurisdiction } from '@crm/kernel';

/**
 * Stream names are `<category>-<id>`: the category is lower camel case letters and digits
 * (`planReport`, `referral`), the id is anything of [A-Za-z0-9_.:-]. Example: `planReport-HN-2020S1-1.1`.
 */
export type StreamName = string;

/** Global position in the store's total order ($all). Strictly increasing in commit-visible order. */
export type Position = bigint;

/**
 * Expected revision of a stream before an append (revisions are 0-based: the first event is 0).
 * - a number: the stream's last event must have exactly this revision
 * - 'no_stream': the stream must not exist
 * - 'stream_exists': the stream must have at least one event
 * - 'any': no check
 */
export type ExpectedRevision = number | 'no_stream' | 'stream_exists' | 'any';

/** Who caused an event. */
export interface Actor {
  /** Stable subject identifier (OIDC `sub`, or a machine client id). */
  subject: string;
  role: string;
  /** One of the 11 member countries, or 'ST' for the Technical Secretariat. */
  country: Jurisdiction;
  institution?: string;
}

/** What a caller gives to append. The store adds revision, position, recorded time and the hash chain. */
export interface NewEvent<T = unknown> {
  /** UUID; the idempotency key of the append. */
  eventId: string;
  /** e.g. `ReportSubmitted`. Pattern: ^[A-Z][A-Za-z0-9]*$ */
  type: string;
  /** Positive integer, starts at 1. */
  schemaVersion: number;
  /** JSON-serialisable payload (plain objects, arrays, strings, finite numbers, booleans, null). */
  data: T;
  /** When it happened in the world (ISO 8601 string or Date); may differ from the recorded time. */
  occurredAt: string | Date;
  actor: Actor;
  /** The countries this event concerns (used for country filters and per-country access). May be empty. */
  countries: CountryCode[];
  correlationId: string;
  causationId?: string | null;
}

/** The metadata stored with every event. */
export interface EventMetadata {
  eventId: string;
  type: string;
  schemaVersion: number;
  occurredAt: string;
  /** Set by the store when the event is appended (ISO 8601, millisecond precision, UTC). */
  recordedAt: string;
  actor: Actor;
  countries: CountryCode[];
  correlationId: string;
  causationId: string | null;
  /** Hash of the previous event of the same stream (GENESIS_HASH for revision 0). */
  previousHash: string;
  /** sha256 (hex) over the canonical serialisation of this event, see `hashEvent`. */
  hash: string;
}

export interface RecordedEvent<T = unknown> {
  streamName: StreamName;
  revision: number;
  position: Position;
  type: string;
  data: T;
  metadata: EventMetadata;
}

export interface AppendOptions {
  expectedRevision: ExpectedRevision;
}

export interface AppendResult {
  /** Revision of the last event of the stream after the append. */
  nextExpectedRevision: number;
  /** Global position of the last appended event. */
  position: Position;
  /** False when every event id was already stored in the stream (idempotent retry): nothing was written. */
  written: boolean;
}

export type Direction = 'forwards' | 'backwards';

export interface ReadStreamOptions {
  direction?: Direction;
  /** Inclusive. Forwards default 0; backwards default the last revision. */
  fromRevision?: number;
  maxCount?: number;
}

/** Filters for reading or subscribing to all events. All given filters must match (AND). */
export interface AllFilter {
  /** Stream name prefixes, e.g. ['planReport-', 'planCatalogue-']. Matches if any prefix matches. */
  streamPrefixes?: string[];
  /** Stream categories (the part before the first '-'). Matches if any matches. */
  categories?: string[];
  eventTypes?: string[];
  /** Only events whose `countries` include this country. */
  country?: CountryCode;
  /** Only events recorded at or before this instant (as-of reads). */
  recordedUpTo?: Date;
}

export interface ReadAllOptions {
  /** Exclusive: returns events with position > fromPosition. Default: from the beginning. */
  fromPosition?: Position;
  maxCount?: number;
  filter?: AllFilter;
}

export interface SubscribeOptions {
  /** Exclusive checkpoint: the subscription delivers events with position > fromPosition. */
  fromPosition?: Position;
  filter?: AllFilter;
  /**
   * Called for each event in global order, one at a time. The subscription waits for the returned
   * promise before delivering the next event. If it throws, the subscription stops and `done` rejects.
   */
  handler: (event: RecordedEvent) => Promise<void>;
  /** Events fetched per catch-up page. */
  batchSize?: number;
}

export interface Subscription {
  /** Stops delivering; resolves once the in-flight handler call (if any) has finished. */
  stop(): Promise<void>;
  /** Settles when the subscription ends: resolves after stop(), rejects on handler or store error. */
  readonly done: Promise<void>;
  /** True once the subscription has caught up with the store at least once (then it follows live). */
  readonly caughtUp: boolean;
}

/** The event-store port. Adapters: memory, postgres, eventstoredb. */
/** Revision and hash of a stream's newest event, as recorded when it was appended. */
export interface StreamHead {
  revision: number;
  hash: string;
}

export interface EventStore {
  appendToStream(stream: StreamName, events: NewEvent[], options: AppendOptions): Promise<AppendResult>;
  /** Reads a stream; a stream that does not exist returns []. */
  readStream(stream: StreamName, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** Reads events across all streams in global order. */
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /**
   * The stream's head as the store recorded it at the last append (revision and hash of the newest event),
   * kept apart from the events where the adapter can (postgres: the `streams` table): `verifyStream` compares
   * it with what the stream reads back, so removing the newest events is caught. null: no such stream.
   */
  readStreamHead(stream: StreamName): Promise<StreamHead | null>;
  /** Catch-up subscription: delivers stored events after the checkpoint, then follows new ones. */
  subscribeToAll(options: SubscribeOptions): Subscription;
  close(): Promise<void>;
}
