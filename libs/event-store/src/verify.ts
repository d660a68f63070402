import type { LocalizedText } from '@crm/kernel';
import { GENESIS_HASH, hashEvent, type HashedFields } from './hash-chain';
import type { RecordedEvent, StreamHead, StreamName } from './types';

export type TamperProblem = 'altered' | 'removed' | 'reordered' | 'broken_link';

export type VerifyResult =
  | { ok: true; checked: number }
  | {
      ok: false;
      streamName: StreamName;
      /** The revision where the problem shows: the altered/misplaced event, or the missing revision. */
      revision: number;
      /**
       * The event found at that place (for 'removed': the first event after the gap, or the newest event
       * left when the newest ones were removed).
       */
      eventId: string;
      problem: TamperProblem;
      message: LocalizedText;
    };

function fieldsOf(e: RecordedEvent, revision: number): HashedFields {
  const m = e.metadata;
  return {
    streamName: e.streamName,
    revision,
    eventId: m.eventId,
    type: e.type,
    schemaVersion: m.schemaVersion,
    data: e.data,
    occurredAt: m.occurredAt,
    recordedAt: m.recordedAt,
    actor: m.actor,
    countries: m.countries,
    correlationId: m.correlationId,
    causationId: m.causationId,
    previousHash: m.previousHash,
  };
}

function safeHash(fields: HashedFields): string | undefined {
  try {
    return hashEvent(fields);
  } catch {
    return undefined;
  }
}

const TEXT: Record<TamperProblem, (s: string, r: number) => LocalizedText> = {
  altered: (s, r) => ({
    es: `El evento ${r} del flujo ${s} fue modificado después de registrarse (su huella no coincide).`,
    en: `Event ${r} of stream ${s} was modified after it was recorded (its hash does not match).`,
  }),
  removed: (s, r) => ({
    es: `Falta el evento ${r} del flujo ${s}: fue eliminado.`,
    en: `Event ${r} of stream ${s} is missing: it was removed.`,
  }),
  reordered: (s, r) => ({
    es: `El evento en la posición ${r} del flujo ${s} no está en su lugar: el orden fue alterado.`,
    en: `The event at revision ${r} of stream ${s} is out of place: the order was changed.`,
  }),
  broken_link: (s, r) => ({
    es: `El evento ${r} del flujo ${s} no enlaza con la huella del evento anterior.`,
    en: `Event ${r} of stream ${s} does not link to the hash of the previous event.`,
  }),
};

function failure(e: RecordedEvent, revision: number, problem: TamperProblem): VerifyResult {
  return {
    ok: false,
    streamName: e.streamName,
    revision,
    eventId: e.metadata.eventId,
    problem,
    message: TEXT[problem](e.streamName, revision),
  };
}

/**
 * Verifies one complete stream, as read forwards from revision 0: every hash is recomputed, every
 * previousHash must be the hash of the event before, revisions must run 0,1,2,... without gaps and
 * global positions must increase. Reports the first bad event. Pure.
 */
export function verifyStream(events: RecordedEvent[], head?: StreamHead | null): VerifyResult {
  let previousHash = GENESIS_HASH;
  let previousPosition: bigint | undefined;
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    if (i > 0 && e.streamName !== events[0].streamName) {
      throw new Error('verifyStream: events of several streams; use verifyEvents');
    }
    const expected = i === 0 ? 0 : events[i - 1].revision + 1;
    if (e.revision < expected || (previousPosition !== undefined && e.position <= previousPosition)) {
      return failure(e, e.revision, 'reordered');
    }
    if (e.revision > expected) {
      const later = events.slice(i + 1).some((x) => x.revision === expected);
      return later ? failure(e, expected, 'reordered') : failure(e, expected, 'removed');
    }
    if (safeHash(fieldsOf(e, e.revision)) !== e.metadata.hash) {
      // An intact event moved to another place still hashes correctly under its original revision.
      const last = events[events.length - 1].revision;
      for (let r = 0; r <= last; r++) {
        if (r !== e.revision && safeHash(fieldsOf(e, r)) === e.metadata.hash)
          return failure(e, e.revision, 'reordered');
      }
      return failure(e, e.revision, 'altered');
    }
    if (e.metadata.previousHash !== previousHash) return failure(e, e.revision, 'broken_link');
    previousHash = e.metadata.hash;
    previousPosition = e.position;
  }
  return head ? againstHead(events, head) : { ok: true, checked: events.length };
}

/**
 * The stream read back must reach the store's head: fewer events means the newest ones were removed
 * (nothing after them breaks the chain, so only the head shows it); the event at the head's revision with
 * another hash means it was replaced by a forgery chained onto its predecessor. Events after the head's
 * revision are appends newer than the head that was read (their chain was checked above).
 */
function againstHead(events: RecordedEvent[], head: StreamHead): VerifyResult {
  const newest = events[events.length - 1];
  if (!newest) throw new Error('verifyStream: a head was given for a stream that reads back empty');
  if (newest.revision < head.revision) return failure(newest, newest.revision + 1, 'removed');
  const atHead = events[head.revision];
  if (atHead.metadata.hash !== head.hash) return failure(atHead, head.revision, 'altered');
  return { ok: true, checked: events.length };
}

/**
 * Verifies events of many streams (e.g. every stream a country's records live in): groups them by
 * stream, keeping the given order inside each group, and checks each group as a complete stream.
 * Give whole streams: a stream read only in part shows as 'removed'. With `heads` (from
 * `EventStore.readStreamHead`), each stream is also checked against its head (see verifyStream).
 */
export function verifyEvents(
  events: RecordedEvent[],
  heads?: ReadonlyMap<StreamName, StreamHead | null>,
): VerifyResult {
  const groups = new Map<StreamName, RecordedEvent[]>();
  for (const e of events) {
    const g = groups.get(e.streamName);
    if (g) g.push(e);
    else groups.set(e.streamName, [e]);
  }
  let checked = 0;
  for (const group of groups.values()) {
    const r = verifyStream(group, heads?.get(group[0].streamName));
    if (!r.ok) return r;
    checked += r.checked;
  }
  return { ok: true, checked };
}
