/**
 * A durable timer as its owner asks for it: at `dueAt`, the runner hands `payload` to the service's `fire`
 * handler, once. Everything the handler needs travels in `payload` (e.g. the command to send), so firing
 * needs no read of the owner's state.
 */
export interface Deadline<P = unknown> {
  /**
   * Caller-chosen, unique in the schema, and the idempotency key of what the deadline does
   * (`referral-<id>:acknowledge:escalate:1`). A fired or cancelled key is closed for good: to set a new
   * timer for the same purpose, use a new key (e.g. bump its last segment).
   */
  key: string;
  /** The stream (aggregate) the deadline belongs to: `cancelStream` and `reconcile` work by stream. */
  stream: string;
  /** What kind of deadline it is (`acknowledge`, `decide`, `escalate`): for the handler and `cancelStream`. */
  kind: string;
  dueAt: Date;
  /** JSON-serialisable; stored as jsonb. */
  payload: P;
  /**
   * The stream revision the deadline was computed from (the fired command expects it). When set, a write from
   * an older revision never moves or cancels it: replaying a stream's past states (a projection rebuild) leaves
   * the deadlines its latest state set alone.
   */
  expectedRevision?: number | null;
}

export type DeadlineStatus = 'pending' | 'fired' | 'cancelled';

/** A deadline as stored, with its bookkeeping. */
export interface DeadlineRecord<P = unknown> extends Required<Deadline<P>> {
  status: DeadlineStatus;
  /** How many times `fire` was called for it (the successful call included). */
  attempts: number;
  /** The message of the last failed `fire`, if any (kept after a later success). */
  lastError: string | null;
  /** After a failed `fire`: the earliest instant of the next attempt (runner clock). */
  retryAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  /** The runner clock's instant of the successful `fire`. */
  firedAt: Date | null;
  cancelledAt: Date | null;
}

/** A deadline handed to `fire`: the owner's fields, and which attempt this is (1 for the first). */
export interface DueDeadline<P = unknown> extends Required<Deadline<P>> {
  attempt: number;
}

/**
 * What `schedule` did: `scheduled` (new key), `rescheduled` (a pending deadline moved to the new due time,
 * payload or revision; its attempts start again), `unchanged` (pending, already exactly so), `stale` (pending,
 * computed from a newer revision than the one given: left as it is), `closed` (the key was fired or cancelled:
 * nothing changed, the deadline is NOT revived).
 */
export type ScheduleOutcome = 'scheduled' | 'rescheduled' | 'unchanged' | 'stale' | 'closed';

/** The keys `reconcile` touched, by what it did to them. */
export interface ReconcileResult {
  scheduled: string[];
  rescheduled: string[];
  /** Pending deadlines of the stream that were not desired any more. */
  cancelled: string[];
  /** Desired keys that were already fired or cancelled (left closed). */
  closed: string[];
  /** Desired keys pending with a newer expected revision than the desired one (left as they are). */
  stale: string[];
}

/**
 * Deadlines that are due but not fired yet, as of the runner clock's now: `due` pending rows with
 * `due_at <= now` (waiting for a poll or for a retry), and how long ago the oldest of them was due.
 */
export interface DeadlineBacklog {
  due: number;
  /** Milliseconds since the oldest due pending deadline was due; null when none is due. */
  oldestDueAgeMs: number | null;
}
