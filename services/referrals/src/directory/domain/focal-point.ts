import { ValidationError } from '@crm/kernel';
import { distinct, isLanguageCode } from '../../shared/formats';
import { validateProtectedRecord, type ProtectedRecord } from '../../shared/protected-record';

/**
 * A focal point's name, email and phone are an adult's personal data: the command handler encrypts them with
 * `@crm/pii` under the subject `focalPoint-<focalPointId>` (focalPointSubject) before the decider sees them.
 */
export const FOCAL_POINT_PERSONAL_FIELDS = ['name', 'email', 'phone'] as const;
export type FocalPointPersonalField = (typeof FOCAL_POINT_PERSONAL_FIELDS)[number];

/** The encrypted contact of a focal point: the name and at least an email or a phone. */
export type FocalPointContact = ProtectedRecord<FocalPointPersonalField>;

/**
 * A person an institution names to receive referrals (plan IV.3.3.3: focal points of each protection
 * system). The languages are in clear (a sender picks whom to write to); the contact is encrypted.
 */
export interface FocalPoint {
  /** Stable id of the person in the directory; names the key of their personal data. */
  focalPointId: string;
  /** ISO 639 codes of the languages the focal point works in, at least one (e.g. ['es', 'en']). */
  languages: string[];
  contact: FocalPointContact;
}

/** Which of an institution's two focal points: intake receives referrals, backup stands in. */
export type FocalPointRole = 'intake' | 'backup';

const ROLE_TEXT: Record<FocalPointRole, { es: string; en: string }> = {
  intake: { es: 'el punto focal de recepción', en: 'the intake focal point' },
  backup: { es: 'el punto focal suplente', en: 'the backup focal point' },
};

export const FOCAL_POINT_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/** The key subject of a focal point's personal data: `focalPoint-<focalPointId>`. */
export function focalPointSubject(focalPointId: string): string {
  return `focalPoint-${focalPointId}`;
}

/** The focal point when valid (id, languages, encrypted contact under its own subject), else 422. */
export function validateFocalPoint(value: unknown, role: FocalPointRole): FocalPoint {
  const who = ROLE_TEXT[role];
  const raw = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  if (typeof raw.focalPointId !== 'string' || !FOCAL_POINT_ID_PATTERN.test(raw.focalPointId)) {
    throw new ValidationError(
      'referral.institution.invalid_focal_point',
      {
        es: `Falta el identificador de ${who.es} o es inválido (de 1 a 64 letras, cifras, guiones o guiones bajos).`,
        en: `The id of ${who.en} is missing or invalid (1 to 64 letters, digits, dashes or underscores).`,
      },
      { role, focalPointId: String(raw.focalPointId) },
    );
  }
  const languages = Array.isArray(raw.languages) ? raw.languages : [];
  if (languages.length === 0 || !languages.every(isLanguageCode)) {
    throw new ValidationError(
      'referral.institution.invalid_focal_point',
      {
        es: `Indique los idiomas de trabajo de ${who.es} con códigos ISO 639 en minúsculas (p. ej. es, en, mam).`,
        en: `Give the working languages of ${who.en} as lower-case ISO 639 codes (e.g. es, en, mam).`,
      },
      { role, languages: raw.languages },
    );
  }
  const contact = validateProtectedRecord(
    raw.contact,
    {
      subject: focalPointSubject(raw.focalPointId),
      allowed: FOCAL_POINT_PERSONAL_FIELDS,
      required: ['name'],
      requiredOneOf: ['email', 'phone'],
    },
    'referral.institution.invalid_focal_point',
    { es: `El contacto de ${who.es}`, en: `The contact of ${who.en}` },
  );
  return { focalPointId: raw.focalPointId, languages: distinct(languages as string[]), contact };
}
