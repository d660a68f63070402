import { LocalizedError } from '@crm/kernel';

/** The stated purpose of a personal-data access is missing or unusable (400). */
export class PurposeRequiredError extends LocalizedError {
  readonly httpStatus = 400;
  constructor() {
    super('pii.validation.purpose_required', {
      es: 'Indique la finalidad del acceso a los datos personales (entre 3 y 500 caracteres).',
      en: 'State the purpose of the personal-data access (3 to 500 characters).',
    });
  }
}

/** Personal data of an erased child can no longer be stored under the same subject (409). */
export class SubjectErasedError extends LocalizedError {
  readonly httpStatus = 409;
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
export class PersonalDataIntegrityError extends LocalizedError {
  readonly httpStatus = 500;
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
export class KekUnavailableError extends LocalizedError {
  readonly httpStatus = 500;
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
