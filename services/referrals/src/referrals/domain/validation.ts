import { COUNTRY_NAMES, ValidationError, isCountryCode, isIsoInstant, type LocalizedText } from '@crm/kernel';
import {
  DATA_CATEGORIES,
  FOLLOW_UP_SERVICES,
  isCode,
  type DataCategory,
  type FollowUpService,
} from '../../shared/vocabulary';
import type { InstitutionRef } from './commands';

/**
 * Input checks of the referral commands: each returns the value, normalised, or throws 422
 * (`ValidationError`) with an es/en text naming the field and what a valid value looks like.
 */

/** referralId: a lower-case UUID version 4 (the stream is `referral-<referralId>`). */
export const REFERRAL_ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
/** Other identifiers (case, institution, consent, follow-up, transfer): 1–128 letters, digits and `_ . : -`. */
export const IDENTIFIER_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/;
function invalid(code: string, text: LocalizedText, details: Record<string, unknown> = {}): ValidationError {
  return new ValidationError(code, text, details);
}

export function validReferralId(value: unknown): string {
  if (typeof value === 'string' && REFERRAL_ID_PATTERN.test(value)) return value;
  throw invalid(
    'referral.invalid_referral_id',
    {
      es: `Identificador de referencia inválido: "${String(value)}". Debe ser un UUID versión 4 en minúsculas (p. ej. 3f2b8c1e-5d4a-4e6f-9a7b-1c2d3e4f5a6b).`,
      en: `Invalid referral id: "${String(value)}". It must be a lower-case version-4 UUID (e.g. 3f2b8c1e-5d4a-4e6f-9a7b-1c2d3e4f5a6b).`,
    },
    { referralId: String(value) },
  );
}

export function validIdentifier(value: unknown, field: string): string {
  if (typeof value === 'string' && IDENTIFIER_PATTERN.test(value)) return value;
  throw invalid(
    'referral.invalid_identifier',
    {
      es: `El identificador "${field}" es inválido: "${String(value)}". Use de 1 a 128 letras, dígitos o los signos _ . : -`,
      en: `The identifier "${field}" is invalid: "${String(value)}". Use 1 to 128 letters, digits or the signs _ . : -`,
    },
    { field, value: String(value) },
  );
}

export function validInstitution(value: unknown, field: 'from' | 'to'): InstitutionRef {
  const v = (value ?? {}) as Partial<InstitutionRef>;
  if (!isCountryCode(v.country)) {
    throw invalid(
      'referral.invalid_country',
      {
        es: `El país de "${field}" es inválido: "${String(v.country)}". Debe ser uno de los 11 países miembros de la CRM (p. ej. HN).`,
        en: `The country of "${field}" is invalid: "${String(v.country)}". It must be one of the 11 CRM member countries (e.g. HN).`,
      },
      { field, country: String(v.country) },
    );
  }
  return { country: v.country, institutionId: validIdentifier(v.institutionId, `${field}.institutionId`) };
}

/** A referral goes from one country to another (422 `referral.not_cross_border` otherwise). */
export function requireCrossBorder(from: InstitutionRef, to: InstitutionRef): void {
  if (from.country !== to.country) return;
  const name = COUNTRY_NAMES[from.country];
  throw invalid(
    'referral.not_cross_border',
    {
      es: `La institución receptora está en el mismo país que la remitente (${name.es}). Las referencias de esta red son entre países; para una derivación dentro de ${name.es} use el sistema nacional.`,
      en: `The receiving institution is in the same country as the sender (${name.en}). Referrals on this network go between countries; for a referral within ${name.en} use the national system.`,
    },
    { country: from.country },
  );
}

/**
 * A list of codes of `vocabulary` (at least `min`), de-duplicated, in the vocabulary's order; 422 `code`
 * naming the unknown ones and the valid codes.
 */
function validCodes<Code extends string>(
  value: unknown,
  vocabulary: Readonly<Record<Code, LocalizedText>>,
  code: string,
  field: string,
  min: number,
): Code[] {
  const list: unknown[] = Array.isArray(value) ? value : [];
  const unknown = list.filter((v) => !isCode(vocabulary, v));
  if (!Array.isArray(value) || list.length < min || unknown.length > 0) {
    const codes = Object.keys(vocabulary).join(', ');
    const atLeast =
      min > 0 ? { es: 'indique al menos uno', en: 'give at least one' } : { es: 'una lista', en: 'a list' };
    const extra = (lang: 'es' | 'en') =>
      unknown.length
        ? ` ${lang === 'es' ? 'Desconocidos' : 'Unknown'}: ${unknown.map(String).join(', ')}.`
        : '';
    throw invalid(
      code,
      {
        es: `"${field}": ${atLeast.es}, de entre: ${codes}.${extra('es')}`,
        en: `"${field}": ${atLeast.en}, from: ${codes}.${extra('en')}`,
      },
      { field, unknown: unknown.map(String) },
    );
  }
  return (Object.keys(vocabulary) as Code[]).filter((c) => list.includes(c));
}

/** Follow-up services, at least one (422 `referral.invalid_services`). */
export function validServices(value: unknown, field = 'servicesRequested'): FollowUpService[] {
  return validCodes(value, FOLLOW_UP_SERVICES, 'referral.invalid_services', field, 1);
}

/** Data categories, at least `min` (422 `referral.invalid_categories`). */
export function validCategories(value: unknown, field = 'categories', min = 1): DataCategory[] {
  return validCodes(value, DATA_CATEGORIES, 'referral.invalid_categories', field, min);
}

/** One code of `vocabulary` (422 `code`). */
export function validCode<Code extends string>(
  value: unknown,
  vocabulary: Readonly<Record<Code, LocalizedText>>,
  code: string,
  field: string,
): Code {
  if (isCode(vocabulary, value)) return value as Code;
  const codes = Object.keys(vocabulary).join(', ');
  throw invalid(
    code,
    {
      es: `Valor inválido para "${field}": "${String(value)}". Use uno de: ${codes}.`,
      en: `Invalid value for "${field}": "${String(value)}". Use one of: ${codes}.`,
    },
    { field, value: String(value) },
  );
}

/** An ISO 8601 instant with its offset, normalised to UTC with milliseconds (422 `referral.invalid_instant`). */
export function validInstant(value: unknown, field: string): string {
  if (isIsoInstant(value)) return new Date(Date.parse(value)).toISOString();
  throw invalid(
    'referral.invalid_instant',
    {
      es: `"${field}" no es un instante ISO 8601 válido con zona horaria (p. ej. 2020-07-01T12:00:00Z).`,
      en: `"${field}" is not a valid ISO 8601 instant with a time zone (e.g. 2020-07-01T12:00:00Z).`,
    },
    { field, value: String(value) },
  );
}

/** A deadline: a valid instant after `now` (422 `referral.invalid_deadline`). */
export function validDeadline(value: unknown, field: string, now: Date): string {
  const at = validInstant(value, field);
  if (Date.parse(at) > now.getTime()) return at;
  throw invalid(
    'referral.invalid_deadline',
    {
      es: `El plazo "${field}" (${at}) debe ser posterior al momento actual (${now.toISOString()}).`,
      en: `The deadline "${field}" (${at}) must be later than now (${now.toISOString()}).`,
    },
    { field, value: at, now: now.toISOString() },
  );
}
