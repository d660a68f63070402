import { isCountryCode, isJurisdiction } from '@crm/kernel';
import { EventStoreValidationError } from './errors';
import type { ExpectedRevision, NewEvent, StreamName } from './types';

export const STREAM_NAME_PATTERN = /^[a-z][a-zA-Z0-9]{0,63}-[A-Za-z0-9_.:-]{1,200}$/;
export const EVENT_TYPE_PATTERN = /^[A-Z][A-Za-z0-9]{0,99}$/;
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
/** Maximum serialised size of one event (data + metadata), in bytes. */
export const MAX_EVENT_BYTES = 1024 * 1024;
/** Maximum events in one atomic append. */
export const MAX_EVENTS_PER_APPEND = 10_000;

export function categoryOf(stream: StreamName): string {
  return stream.slice(0, stream.indexOf('-'));
}

export function assertStreamName(stream: unknown): asserts stream is StreamName {
  if (typeof stream !== 'string' || !STREAM_NAME_PATTERN.test(stream)) {
    throw new EventStoreValidationError(
      'invalid_stream_name',
      {
        es: `Nombre de flujo no válido: "${String(stream)}". Formato esperado: <categoría>-<id>, p. ej. planReport-HN-2020S1.`,
        en: `Invalid stream name: "${String(stream)}". Expected <category>-<id>, e.g. planReport-HN-2020S1.`,
      },
      { stream: String(stream) },
    );
  }
}

export function assertExpectedRevision(expected: unknown): asserts expected is ExpectedRevision {
  const ok =
    expected === 'no_stream' ||
    expected === 'stream_exists' ||
    expected === 'any' ||
    (typeof expected === 'number' && Number.isSafeInteger(expected) && expected >= 0);
  if (!ok) {
    throw new EventStoreValidationError('invalid_expected_revision', {
      es: `Revisión esperada no válida: ${String(expected)}.`,
      en: `Invalid expected revision: ${String(expected)}.`,
    });
  }
}

function invalid(field: string, index: number, why: string): never {
  throw new EventStoreValidationError(
    'invalid_metadata',
    {
      es: `Evento ${index}: el campo "${field}" no es válido (${why}).`,
      en: `Event ${index}: field "${field}" is invalid (${why}).`,
    },
    { index, field },
  );
}

function isIsoInstant(v: unknown): boolean {
  if (v instanceof Date) return !Number.isNaN(v.getTime());
  return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v) && !Number.isNaN(Date.parse(v));
}

function isNonEmpty(v: unknown, max = 200): v is string {
  return typeof v === 'string' && v.length > 0 && v.length <= max && !v.includes('\u0000');
}

/** Validates a batch before anything is written. Throws EventStoreValidationError; never partially accepts. */
export function validateAppend(
  stream: unknown,
  events: unknown,
  expected: unknown,
): asserts events is NewEvent[] {
  assertStreamName(stream);
  assertExpectedRevision(expected);
  if (!Array.isArray(events) || events.length === 0) {
    throw new EventStoreValidationError('empty_append', {
      es: 'No hay eventos que agregar.',
      en: 'There are no events to append.',
    });
  }
  if (events.length > MAX_EVENTS_PER_APPEND) {
    throw new EventStoreValidationError('event_too_large', {
      es: `Demasiados eventos en una sola operación (${events.length} > ${MAX_EVENTS_PER_APPEND}).`,
      en: `Too many events in one append (${events.length} > ${MAX_EVENTS_PER_APPEND}).`,
    });
  }
  const ids = new Set<string>();
  events.forEach((e: NewEvent, i: number) => {
    if (typeof e !== 'object' || e === null) invalid('event', i, 'not an object');
    if (typeof e.eventId !== 'string' || !UUID_PATTERN.test(e.eventId))
      invalid('eventId', i, 'must be a UUID');
    if (ids.has(e.eventId.toLowerCase())) {
      throw new EventStoreValidationError(
        'duplicate_event_id',
        {
          es: `El identificador de evento ${e.eventId} aparece dos veces en la misma operación.`,
          en: `Event id ${e.eventId} appears twice in the same append.`,
        },
        { eventId: e.eventId },
      );
    }
    ids.add(e.eventId.toLowerCase());
    if (typeof e.type !== 'string' || !EVENT_TYPE_PATTERN.test(e.type)) invalid('type', i, 'PascalCase name');
    if (!Number.isSafeInteger(e.schemaVersion) || e.schemaVersion < 1)
      invalid('schemaVersion', i, 'integer >= 1');
    if (!isIsoInstant(e.occurredAt)) invalid('occurredAt', i, 'ISO 8601 instant');
    const a = e.actor;
    if (typeof a !== 'object' || a === null) invalid('actor', i, 'required');
    if (!isNonEmpty(a.subject)) invalid('actor.subject', i, 'non-empty string');
    if (!isNonEmpty(a.role, 100)) invalid('actor.role', i, 'non-empty string');
    if (!isJurisdiction(a.country)) invalid('actor.country', i, 'one of the 11 member countries or ST');
    if (a.institution !== undefined && !isNonEmpty(a.institution, 300))
      invalid('actor.institution', i, 'string');
    if (!Array.isArray(e.countries) || !e.countries.every(isCountryCode)) {
      invalid('countries', i, 'list of member country codes');
    }
    if (new Set(e.countries).size !== e.countries.length) invalid('countries', i, 'no repeated country');
    if (!isNonEmpty(e.correlationId)) invalid('correlationId', i, 'non-empty string');
    if (e.causationId !== undefined && e.causationId !== null && !isNonEmpty(e.causationId)) {
      invalid('causationId', i, 'non-empty string or null');
    }
    let size: number;
    try {
      const json = JSON.stringify(e.data);
      if (json === undefined) throw new Error('undefined');
      if (!isPlainJson(e.data)) throw new Error('not plain JSON');
      size =
        Buffer.byteLength(json, 'utf8') + Buffer.byteLength(JSON.stringify({ ...e, data: null }), 'utf8');
    } catch {
      throw new EventStoreValidationError(
        'invalid_data',
        {
          es: `Evento ${i}: los datos deben ser JSON simple (objetos, listas, textos, números finitos, booleanos, null).`,
          en: `Event ${i}: data must be plain JSON (objects, arrays, strings, finite numbers, booleans, null).`,
        },
        { index: i },
      );
    }
    if (size > MAX_EVENT_BYTES) {
      throw new EventStoreValidationError(
        'event_too_large',
        {
          es: `Evento ${i}: ocupa ${size} bytes, el máximo es ${MAX_EVENT_BYTES}.`,
          en: `Event ${i}: ${size} bytes, the maximum is ${MAX_EVENT_BYTES}.`,
        },
        { index: i, size, max: MAX_EVENT_BYTES },
      );
    }
  });
}

function isPlainJson(v: unknown, depth = 0): boolean {
  if (depth > 64) return false;
  if (v === null || typeof v === 'boolean') return true;
  // U+0000 cannot be stored by PostgreSQL (jsonb); refused everywhere so that every adapter agrees
  if (typeof v === 'string') return !v.includes('\u0000');
  if (typeof v === 'number') return Number.isFinite(v);
  if (Array.isArray(v)) return v.every((x) => isPlainJson(x, depth + 1));
  if (typeof v === 'object') {
    // A plain object of any realm (objects from structuredClone or another vm context have that realm's
    // Object.prototype): its prototype is null or a prototype whose own prototype is null.
    const proto = Object.getPrototypeOf(v);
    if (proto !== null && Object.getPrototypeOf(proto) !== null) return false;
    return Object.entries(v as object).every(
      ([k, x]) => !k.includes('\u0000') && x !== undefined && isPlainJson(x, depth + 1),
    );
  }
  return false;
}
