import { InvalidRequestError, ConflictError, InternalError, UnavailableError } from '@crm/kernel';

/** The stated purpose of a personal-data access is missing or unusable (400). */
export class PurposeRequiredError extends InvalidRequestError {
  constructor() {
    super('pii.validation.purpose_required', {
      es: 'Indique la finalidad del acceso a los datos personales (entre 3 y 500 caracteres).',
      en: 'State the purpose of the personal-data access (3 to 500 characters).',
    });
  }
}

/** Personal data of an erased child can no longer be stored under the same subject (409). */
export class SubjectErasedError extends ConflictError {
  constructor(subjectId: string) {
    super(
      'pii.subject_erased',
      {
        es: `Los datos personales de ${subjectId} fueron borrados; no pueden registrarse nuevos datos con el mismo identificador.`,
        en: `The personal data of ${subjectId} were erased; no new data can be recorded under the same identifier.`,
      },
      { subjectId },
    );
  }
}

/** Ciphertext cannot be decrypted although its key exists: tampering or corruption (500). */
export class PersonalDataIntegrityError extends InternalError {
  constructor(subjectId: string, field: string, cause: string) {
    super(
      'pii.integrity',
      {
        es: `El dato cifrado ${field} de ${subjectId} no supera la verificación de integridad.`,
        en: `The encrypted field ${field} of ${subjectId} fails its integrity check.`,
      },
      { subjectId, field, cause },
    );
  }
}

/** A data key is wrapped by a key-encryption key this process does not have (500, configuration). */
export class KekUnavailableError extends InternalError {
  constructor(kekId: string) {
    super(
      'pii.kek_unavailable',
      {
        es: `No se dispone de la clave de cifrado de claves ${kekId} (configure PII_KEK_PREVIOUS durante una rotación).`,
        en: `Key-encryption key ${kekId} is not available (configure PII_KEK_PREVIOUS during a rotation).`,
      },
      { kekId },
    );
  }
}

/** The reason of an erasure is missing or unusable (400). */
export class ErasureReasonRequiredError extends InvalidRequestError {
  constructor() {
    super('pii.validation.reason_required', {
      es: 'Indique el motivo del borrado de los datos personales (entre 3 y 500 caracteres).',
      en: 'State the reason for erasing the personal data (3 to 500 characters).',
    });
  }
}

/**
 * The access log could not record a view (nothing was decrypted) or an erasure (the key is destroyed;
 * repeating the erasure records it once) (503).
 */
export class AccessLogUnavailableError extends UnavailableError {
  constructor(
    what: 'view' | 'erasure',
    /** The store's error, for operators (not part of the answer's details). */
    readonly causeMessage: string,
  ) {
    super(
      'pii.access_log_unavailable',
      what === 'view'
        ? {
            es: 'No se pudo registrar la consulta de los datos personales; no se muestran. Inténtelo de nuevo.',
            en: 'The view of the personal data could not be recorded; they are not shown. Try again.',
          }
        : {
            es: 'La clave fue destruida pero el borrado no pudo registrarse; repita el borrado para registrarlo.',
            en: 'The key was destroyed but the erasure could not be recorded; repeat the erasure to record it.',
          },
      { what },
    );
  }
}
