import { isCountryCode, ValidationError, type CountryCode } from '@crm/kernel';

/**
 * A case id: the owning (registering) member country, `-`, a lower-case UUID v4, e.g.
 * `HN-3f0c8a1e-5b2d-4c6f-9a7e-1d2b3c4d5e6f`. The prefix says which country's law and officials own the case;
 * the UUID says nothing about the child.
 */
export const CASE_ID_PATTERN =
  /^([A-Z]{2})-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** The owning country of a case id, or null when the id is malformed or not a member's. */
export function caseCountry(value: unknown): CountryCode | null {
  if (typeof value !== 'string') return null;
  const match = CASE_ID_PATTERN.exec(value);
  return match && isCountryCode(match[1]) ? match[1] : null;
}

export function isCaseId(value: unknown): value is string {
  return caseCountry(value) !== null;
}

/** The id when well formed, else 422 `referral.case.invalid_id`. */
export function validateCaseId(value: unknown): string {
  if (isCaseId(value)) return value;
  throw new ValidationError(
    'referral.case.invalid_id',
    {
      es: `Identificador de caso inválido: "${String(value)}". Use el código del país miembro que registra, un guion y un UUID v4 en minúsculas (p. ej. HN-3f0c8a1e-5b2d-4c6f-9a7e-1d2b3c4d5e6f).`,
      en: `Invalid case id: "${String(value)}". Use the registering member country's code, a dash and a lower-case UUID v4 (e.g. HN-3f0c8a1e-5b2d-4c6f-9a7e-1d2b3c4d5e6f).`,
    },
    { caseId: String(value) },
  );
}
