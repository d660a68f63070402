import { ConflictError, InvalidRequestError } from '@crm/kernel';
import type { ExpectedRevision, StreamName } from './types';

/** The one conflict error of every adapter: the stream was not at the expected revision. */
export class WrongExpectedRevisionError extends ConflictError {
  constructor(
    readonly streamName: StreamName,
    readonly expected: ExpectedRevision,
    /** The stream's last revision, or -1 when it does not exist. */
    readonly actual: number,
  ) {
    super(
      'event_store.wrong_expected_revision',
      {
        es: `El flujo ${streamName} fue modificado por otra operación (se esperaba la revisión ${String(expected)}, la actual es ${actual}). Vuelva a cargar e intente de nuevo.`,
        en: `Stream ${streamName} was changed by another operation (expected revision ${String(expected)}, actual ${actual}). Reload and try again.`,
      },
      { streamName, expected: String(expected), actual },
    );
  }
}

/** Bad input to the event store: nothing was stored. `reason` is machine-readable. */
export class EventStoreValidationError extends InvalidRequestError {
  constructor(
    readonly reason:
      | 'invalid_stream_name'
      | 'empty_append'
      | 'event_too_large'
      | 'invalid_metadata'
      | 'invalid_data'
      | 'duplicate_event_id'
      | 'invalid_expected_revision'
      | 'invalid_read_options',
    text: { es: string; en: string },
    details: Record<string, unknown> = {},
  ) {
    super(`event_store.${reason}`, text, details);
  }
}
