import {
  COUNTRY_NAMES,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
  type CountryCode,
} from '@crm/kernel';
import type { ReferralSide } from './domain';

/**
 * The referral handlers' own refusals (the decider's are in ./domain): every one a kernel error kind with a
 * stable code and a Spanish and English text saying what is wrong and what to do.
 */

const name = (country: CountryCode, lang: 'es' | 'en') => COUNTRY_NAMES[country]?.[lang] ?? country;

export function referralNotFound(stream: string): NotFoundError {
  return new NotFoundError(
    'referral.not_found',
    {
      es: 'La referencia no existe (o no tiene acceso a ella). Revise el identificador.',
      en: 'The referral does not exist (or you have no access to it). Check the identifier.',
    },
    { stream },
  );
}

const SIDE_NAMES: Record<ReferralSide, { es: string; en: string }> = {
  sender: { es: 'remitente', en: 'sending' },
  receiver: { es: 'receptora', en: 'receiving' },
  transferee: { es: 'propuesta para el traslado', en: 'proposed for the transfer' },
};

/** 403: a case worker acts only for its own institution, and this side of the referral is another one. */
export function wrongInstitution(
  side: ReferralSide,
  expected: string,
  actual: string | null,
): ForbiddenError {
  return new ForbiddenError(
    'referral.wrong_institution',
    {
      es: `La institución ${SIDE_NAMES[side].es} de esta referencia es ${expected}; usted actúa por ${actual ?? 'ninguna institución del directorio'}. Solo el personal de ${expected} (o el sistema nacional de su país) puede actuar por ella.`,
      en: `The ${SIDE_NAMES[side].en} institution of this referral is ${expected}; you act for ${actual ?? 'no directory institution'}. Only the staff of ${expected} (or its country's national system) may act for it.`,
    },
    { side, institutionId: expected, actorInstitution: actual },
  );
}

export function unknownCase(caseId: string): ValidationError {
  return new ValidationError(
    'referral.unknown_case',
    {
      es: `El caso ${caseId} no está registrado. Registre primero el caso de la niña, niño o adolescente y luego cree la referencia.`,
      en: `Case ${caseId} is not registered. Register the child's case first, then draft the referral.`,
    },
    { caseId },
  );
}

export function caseOfAnotherCountry(
  caseId: string,
  owner: CountryCode,
  sender: CountryCode,
): ValidationError {
  return new ValidationError(
    'referral.case_not_owned',
    {
      es: `El caso ${caseId} pertenece a ${name(owner, 'es')}; solo el país que registró el caso puede referirlo, no ${name(sender, 'es')}.`,
      en: `Case ${caseId} belongs to ${name(owner, 'en')}; only the country that registered the case may refer it, not ${name(sender, 'en')}.`,
    },
    { caseId, owner, sender },
  );
}

export function caseClosed(caseId: string): ConflictError {
  return new ConflictError(
    'referral.case_closed',
    {
      es: `El caso ${caseId} está cerrado; no se pueden crear referencias de un caso cerrado.`,
      en: `Case ${caseId} is closed; a closed case cannot be referred.`,
    },
    { caseId },
  );
}

export function unknownInstitution(institutionId: string, field: string): ValidationError {
  return new ValidationError(
    'referral.unknown_institution',
    {
      es: `La institución ${institutionId} ("${field}") no está en el directorio. Elija una institución registrada del país de destino.`,
      en: `Institution ${institutionId} ("${field}") is not in the directory. Choose an institution registered in the destination country.`,
    },
    { institutionId, field },
  );
}

export function institutionInAnotherCountry(
  institutionId: string,
  field: string,
  actual: CountryCode,
  expected: CountryCode,
): ValidationError {
  return new ValidationError(
    'referral.institution_country_mismatch',
    {
      es: `La institución ${institutionId} ("${field}") es de ${name(actual, 'es')}, no de ${name(expected, 'es')}. Indique el país de la institución o elija otra.`,
      en: `Institution ${institutionId} ("${field}") is in ${name(actual, 'en')}, not ${name(expected, 'en')}. Give the institution's country or choose another one.`,
    },
    { institutionId, field, country: actual, expected },
  );
}

export function institutionInactive(institutionId: string, field: string): ConflictError {
  return new ConflictError(
    'referral.institution_inactive',
    {
      es: `La institución ${institutionId} ("${field}") está desactivada en el directorio y no recibe referencias. Elija otra o pida a su país que la reactive.`,
      en: `Institution ${institutionId} ("${field}") is deactivated in the directory and receives no referrals. Choose another one or ask its country to reactivate it.`,
    },
    { institutionId, field },
  );
}

/** 422: the case's consents cover none of the requested categories for this recipient and these purposes. */
export function nothingCovered(details: Record<string, unknown>): ValidationError {
  return new ValidationError(
    'referral.consent_required',
    {
      es: 'Ningún consentimiento vigente del caso cubre las categorías de datos solicitadas para esta institución receptora y estos servicios. Registre un consentimiento que las cubra o pida a la supervisión de protección una excepción autorizada ({ "override": { "reason": ... } }).',
      en: 'No current consent on the case covers the requested data categories for this receiving institution and these services. Record a consent that covers them, or ask a protection supervisor for an authorised override ({ "override": { "reason": ... } }).',
    },
    details,
  );
}

export function notSent(referralId: string): ConflictError {
  return new ConflictError(
    'referral.not_sent',
    {
      es: `La referencia ${referralId} es un borrador: aún no se ha compartido ningún dato del caso.`,
      en: `Referral ${referralId} is a draft: no case data has been shared yet.`,
    },
    { referralId },
  );
}

export function notRecipient(side: ReferralSide | null): ForbiddenError {
  return new ForbiddenError(
    'referral.not_recipient',
    {
      es: 'Solo la institución receptora ve los datos del caso que la referencia le comparte; la institución remitente consulta el caso mismo.',
      en: 'Only the receiving institution sees the case data the referral shares with it; the sending institution reads the case itself.',
    },
    { side },
  );
}

export function purposeNotRequested(purpose: string, requested: readonly string[]): ValidationError {
  return new ValidationError(
    'referral.invalid_purpose',
    {
      es: `La finalidad "${purpose}" no es uno de los servicios solicitados en la referencia (${requested.join(', ')}).`,
      en: `The purpose "${purpose}" is not one of the services the referral requests (${requested.join(', ')}).`,
    },
    { purpose, requested: [...requested] },
  );
}
