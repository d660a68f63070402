import { PreconditionFailedError } from '@crm/kernel';

/**
 * 412: the caller decided on a revision of the stream (HTTP `If-Match`) that is no longer the current one:
 * someone else changed the record in between. Nothing was stored; the caller reloads and makes the change again
 * (a person's edit is never re-applied onto a newer revision without them seeing it).
 */
export class StaleRevisionError extends PreconditionFailedError {
  constructor(
    readonly expected: number,
    readonly actual: number,
  ) {
    super(
      'command.stale_revision',
      {
        es: `El registro cambió desde que usted lo leyó (usted vio la revisión ${expected}; la actual es ${actual}). Vuelva a cargarlo y repita su cambio.`,
        en: `The record changed since you read it (you saw revision ${expected}; the current one is ${actual}). Reload it and make your change again.`,
      },
      { expected, actual },
    );
  }
}
