import { isCountryCode } from '@crm/kernel';
import { EventStoreValidationError } from './errors';
import type { AllFilter, ReadStreamOptions, RecordedEvent } from './types';
import { categoryOf } from './validation';

/** True when `event` passes every given part of `filter` (AND of the parts; OR inside a list). */
export function matchesFilter(event: RecordedEvent, filter: AllFilter | undefined): boolean {
  if (!filter) return true;
  if (filter.streamPrefixes && !filter.streamPrefixes.some((p) => event.streamName.startsWith(p)))
    return false;
  if (filter.categories && !filter.categories.includes(categoryOf(event.streamName))) return false;
  if (filter.eventTypes && !filter.eventTypes.includes(event.type)) return false;
  if (filter.country && !event.metadata.countries.includes(filter.country)) return false;
  if (filter.recordedUpTo && Date.parse(event.metadata.recordedAt) > filter.recordedUpTo.getTime())
    return false;
  return true;
}

function bad(what: string): never {
  throw new EventStoreValidationError(
    'invalid_read_options',
    { es: `Opción de lectura no válida: ${what}.`, en: `Invalid read option: ${what}.` },
    { option: what },
  );
}

/** Checks read/subscribe options before they reach a store (adapters may build SQL from them). */
export function assertReadOptions(options: {
  fromPosition?: unknown;
  maxCount?: unknown;
  filter?: AllFilter;
}): void {
  const { fromPosition, maxCount, filter } = options;
  if (fromPosition !== undefined && (typeof fromPosition !== 'bigint' || fromPosition < 0n))
    bad('fromPosition');
  if (maxCount !== undefined && (!Number.isSafeInteger(maxCount) || (maxCount as number) < 0))
    bad('maxCount');
  if (!filter) return;
  const strings = (v: unknown) => Array.isArray(v) && v.every((s) => typeof s === 'string');
  if (filter.streamPrefixes !== undefined && !strings(filter.streamPrefixes)) bad('filter.streamPrefixes');
  if (filter.categories !== undefined && !strings(filter.categories)) bad('filter.categories');
  if (filter.eventTypes !== undefined && !strings(filter.eventTypes)) bad('filter.eventTypes');
  if (filter.country !== undefined && !isCountryCode(filter.country)) bad('filter.country');
  if (
    filter.recordedUpTo !== undefined &&
    (!(filter.recordedUpTo instanceof Date) || Number.isNaN(filter.recordedUpTo.getTime()))
  ) {
    bad('filter.recordedUpTo');
  }
}

/** Checks readStream options. */
export function assertStreamReadOptions(options: ReadStreamOptions): void {
  const okInt = (v: unknown) => v === undefined || (Number.isSafeInteger(v) && (v as number) >= 0);
  if (
    (options.direction !== undefined &&
      options.direction !== 'forwards' &&
      options.direction !== 'backwards') ||
    !okInt(options.fromRevision) ||
    !okInt(options.maxCount)
  ) {
    throw new EventStoreValidationError('invalid_read_options', {
      es: 'Opciones de lectura del flujo no válidas (direction, fromRevision, maxCount).',
      en: 'Invalid stream read options (direction, fromRevision, maxCount).',
    });
  }
}
