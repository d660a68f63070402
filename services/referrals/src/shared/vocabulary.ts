import type { LocalizedText } from '@crm/kernel';

/**
 * The referral service's shared vocabulary: codes stored in events and read models, each with its es/en label.
 * Codes are stable (they appear in events and integration messages); labels may be reworded.
 */
type Vocabulary<Code extends string> = Readonly<Record<Code, LocalizedText>>;

/** Kinds of protection institution in the directory (plan IV.3). */
export const INSTITUTION_KINDS = {
  child_protection: { es: 'Institución de protección de la niñez', en: 'Child-protection agency' },
  consulate: { es: 'Consulado', en: 'Consulate' },
  migration: { es: 'Dirección de migración', en: 'Migration directorate' },
  shelter: { es: 'Albergue', en: 'Shelter' },
  civil_society: { es: 'Organización de la sociedad civil aliada', en: 'Civil-society partner' },
} as const satisfies Vocabulary<string>;
export type InstitutionKind = keyof typeof INSTITUTION_KINDS;

/**
 * Categories of a child's case data a consent covers and a referral discloses (minimum necessary disclosure):
 * a recipient sees a category only when the referral asks for it AND the consent scope (or a recorded
 * override) covers it.
 */
export const DATA_CATEGORIES = {
  identity: {
    es: 'Identidad (nombres, fecha de nacimiento, fotografía)',
    en: 'Identity (names, date of birth, photo)',
  },
  family: { es: 'Familia y contactos familiares', en: 'Family and family contacts' },
  indicators: {
    es: 'Indicadores de registro (no identificativos)',
    en: 'Registration indicators (non-identifying)',
  },
  health: { es: 'Salud y necesidades psicosociales', en: 'Health and psychosocial needs' },
  protection: { es: 'Necesidades de protección internacional', en: 'International-protection needs' },
  assessments: {
    es: 'Evaluaciones y determinaciones del interés superior',
    en: 'Best-interests assessments and determinations',
  },
  narrative: {
    es: 'Relato y notas sobre la niña, el niño o adolescente',
    en: 'Narrative and notes about the child',
  },
} as const satisfies Vocabulary<string>;
export type DataCategory = keyof typeof DATA_CATEGORIES;

/** Services provided or requested in a referral's follow-up. */
export const FOLLOW_UP_SERVICES = {
  psychosocial: { es: 'Atención psicosocial', en: 'Psychosocial support' },
  health: { es: 'Salud', en: 'Health' },
  education: { es: 'Educación', en: 'Education' },
  documentation: { es: 'Documentación', en: 'Documentation' },
  legal: { es: 'Asistencia jurídica', en: 'Legal assistance' },
  family_reunification: { es: 'Reunificación familiar', en: 'Family reunification' },
  shelter: { es: 'Albergue', en: 'Shelter' },
  family_tracing: { es: 'Búsqueda de familia', en: 'Family tracing' },
  consular_assistance: { es: 'Asistencia consular', en: 'Consular assistance' },
  safe_return: { es: 'Retorno seguro y reintegración', en: 'Safe return and reintegration' },
  international_protection: {
    es: 'Protección internacional (asilo, refugio)',
    en: 'International protection (asylum, refugee status)',
  },
} as const satisfies Vocabulary<string>;
export type FollowUpService = keyof typeof FOLLOW_UP_SERVICES;

/** The two sides of a referral (HL7 FHIR Task: requester and owner). */
export type Side = 'sender' | 'receiver';

export function isCode<V extends Vocabulary<string>>(
  vocabulary: V,
  value: unknown,
): value is keyof V & string {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(vocabulary, value);
}
