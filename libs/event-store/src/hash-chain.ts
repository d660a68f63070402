import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { EventMetadata, NewEvent, StreamName } from './types';

/** previousHash of the first event of every stream. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields covered by an event's hash. Position is not covered: it is assigned at commit time. */
export interface HashedFields {
  streamName: StreamName;
  revision: number;
  eventId: string;
  type: string;
  schemaVersion: number;
  data: unknown;
  occurredAt: string;
  recordedAt: string;
  actor: EventMetadata['actor'];
  countries: string[];
  correlationId: string;
  causationId: string | null;
  previousHash: string;
}

/** sha256 hex of the RFC 8785 (JCS) canonical JSON of the hashed fields. */
export function hashEvent(fields: HashedFields): string {
  const canonical = canonicalize(fields);
  if (canonical === undefined) throw new Error('event cannot be canonicalised');
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

/**
 * Seals a batch for appending at `firstRevision` after an event whose hash is `previousHash`:
 * assigns revisions, the recorded time and the hash chain. Shared by every adapter so that every
 * store computes identical hashes.
 */
export function sealEvents(
  streamName: StreamName,
  events: NewEvent[],
  firstRevision: number,
  previousHash: string,
  recordedAt: Date,
): Array<{ revision: number; data: unknown; metadata: EventMetadata }> {
  const recorded = recordedAt.toISOString();
  let prev = previousHash;
  return events.map((e, i) => {
    const revision = firstRevision + i;
    const occurredAt = new Date(e.occurredAt).toISOString();
    const base = {
      eventId: e.eventId,
      type: e.type,
      schemaVersion: e.schemaVersion,
      occurredAt,
      recordedAt: recorded,
      actor: normaliseActor(e.actor),
      countries: [...e.countries],
      correlationId: e.correlationId,
      causationId: e.causationId ?? null,
      previousHash: prev,
    };
    const hash = hashEvent({ streamName, revision, data: e.data, ...base });
    prev = hash;
    return { revision, data: e.data, metadata: { ...base, hash } };
  });
}

function normaliseActor(actor: EventMetadata['actor']): EventMetadata['actor'] {
  const out: EventMetadata['actor'] = { subject: actor.subject, role: actor.role, country: actor.country };
  if (actor.institution !== undefined) out.institution = actor.institution;
  return out;
}
