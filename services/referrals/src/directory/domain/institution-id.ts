import { isCountryCode, ValidationError, type CountryCode } from '@crm/kernel';

/**
 * An institution's id in the directory: its country's two-letter code, `-`, then 2 to 40 capitals, digits or
 * dashes, e.g. `HN-DINAF`, `MX-DIF-CHIAPAS`. The prefix IS the institution's country, so an id read alone
 * (in a referral, a consent scope) says which country it belongs to.
 */
export const INSTITUTION_ID_PATTERN = /^([A-Z]{2})-[A-Z0-9-]{2,40}$/;

/** The member country an institution id belongs to, or null when the id is malformed or not a member's. */
export function institutionCountry(value: unknown): CountryCode | null {
  if (typeof value !== 'string') return null;
  const match = INSTITUTION_ID_PATTERN.exec(value);
  return match && isCountryCode(match[1]) ? match[1] : null;
}

/** A well-formed institution id of a member country. */
export function isInstitutionId(value: unknown): value is string {
  return institutionCountry(value) !== null;
}

/** The id when well formed, else 422 `referral.institution.invalid_id`. */
export function validateInstitutionId(value: unknown): string {
  if (isInstitutionId(value)) return value;
  throw new ValidationError(
    'referral.institution.invalid_id',
    {
      es: `Identificador de institución inválido: "${String(value)}". Use el código del país miembro, un guion y de 2 a 40 mayúsculas, cifras o guiones (p. ej. HN-DINAF).`,
      en: `Invalid institution id: "${String(value)}". Use the member country's code, a dash and 2 to 40 capitals, digits or dashes (e.g. HN-DINAF).`,
    },
    { institutionId: String(value) },
  );
}
