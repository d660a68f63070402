import { InternalError } from '@crm/kernel';
import type { EntityManager } from 'typeorm';
import type { Deadline } from './deadline';

/** A deadline the owning service built wrongly: a fault of the service, not of its user (500). */
function invalid(key: unknown, reason: { es: string; en: string }): InternalError {
  return new InternalError(
    'deadline.invalid',
    {
      es: `El plazo ${String(key)} no es válido: ${reason.es}. Corrija el servicio que lo programa.`,
      en: `Deadline ${String(key)} is not valid: ${reason.en}. Fix the service that schedules it.`,
    },
    { key: typeof key === 'string' ? key : null },
  );
}

const nonEmpty = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

/**
 * Checks a deadline before it is written and returns its payload as JSON text: key, stream and kind are
 * non-empty text, `dueAt` a valid date, `payload` JSON-serialisable, `expectedRevision` an integer or absent.
 */
export function assertDeadline(deadline: Deadline<unknown>): string {
  const { key } = deadline;
  if (!nonEmpty(key)) throw invalid(key, { es: 'falta la clave', en: 'the key is missing' });
  if (!nonEmpty(deadline.stream))
    throw invalid(key, { es: 'falta el flujo (stream)', en: 'the stream is missing' });
  if (!nonEmpty(deadline.kind)) throw invalid(key, { es: 'falta el tipo', en: 'the kind is missing' });
  if (!(deadline.dueAt instanceof Date) || Number.isNaN(deadline.dueAt.getTime()))
    throw invalid(key, {
      es: 'la fecha de vencimiento no es una fecha válida',
      en: 'the due date is not a valid date',
    });
  const revision = deadline.expectedRevision;
  if (revision !== undefined && revision !== null && !Number.isSafeInteger(revision))
    throw invalid(key, {
      es: 'la revisión esperada no es un número entero',
      en: 'the expected revision is not an integer',
    });
  let json: string | undefined;
  try {
    json = JSON.stringify(deadline.payload);
  } catch {
    json = undefined;
  }
  if (json === undefined)
    throw invalid(key, {
      es: 'el contenido (payload) no se puede guardar como JSON',
      en: 'the payload cannot be stored as JSON',
    });
  return json;
}

/**
 * Deadline writes commit with the caller's own changes (a projection's checkpoint), so they need the
 * caller's transaction: an EntityManager of `dataSource.transaction(...)`, never `dataSource.manager`.
 */
export function assertInTransaction(manager: EntityManager, operation: string): void {
  if (manager.queryRunner?.isTransactionActive) return;
  throw new InternalError(
    'deadline.outside_transaction',
    {
      es: `La operación de plazos ${operation} debe ejecutarse dentro de una transacción (el EntityManager de dataSource.transaction). Corrija el servicio que la llama.`,
      en: `Deadline operation ${operation} must run inside a transaction (the EntityManager of dataSource.transaction). Fix the calling service.`,
    },
    { operation },
  );
}
