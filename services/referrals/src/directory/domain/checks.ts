import {
  ConflictError,
  COUNTRY_NAMES,
  isCountryCode,
  NotFoundError,
  ValidationError,
  type CountryCode,
  type LocalizedText,
} from '@crm/kernel';
import { calendarDateOf, isCalendarDate } from '../../shared/formats';
import { INSTITUTION_KINDS, isCode, type InstitutionKind } from '../../shared/vocabulary';
import { DEACTIVATION_REASONS, type DeactivationReason } from './deactivation';
import type { FocalPoint } from './focal-point';
import { institutionCountry, validateInstitutionId } from './institution-id';
import type { InstitutionEntry, InstitutionState } from './state';

/** The rules several directory commands share. Each throws a LocalizedError (es/en); none reads the clock. */

export const INSTITUTION_NAME_MAX_LENGTH = 200;

/** The id, of the country the command names: the id's prefix is the institution's country (422). */
export function validateIdAndCountry(
  institutionId: unknown,
  country: unknown,
): {
  institutionId: string;
  country: CountryCode;
} {
  if (!isCountryCode(country)) {
    throw new ValidationError(
      'referral.institution.invalid_country',
      {
        es: `País inválido: "${String(country)}". Debe ser uno de los 11 países miembros de la CRM (p. ej. HN).`,
        en: `Invalid country: "${String(country)}". It must be one of the 11 CRM member countries (e.g. HN).`,
      },
      { country: String(country) },
    );
  }
  const id = validateInstitutionId(institutionId);
  if (institutionCountry(id) !== country) {
    throw new ValidationError(
      'referral.institution.country_prefix_mismatch',
      {
        es: `El identificador ${id} no empieza por ${country}-: el identificador de una institución de ${COUNTRY_NAMES[country].es} debe empezar por el código de su país (p. ej. ${country}-DINAF).`,
        en: `Id ${id} does not start with ${country}-: the id of an institution of ${COUNTRY_NAMES[country].en} must start with its country's code (e.g. ${country}-DINAF).`,
      },
      { institutionId: id, country },
    );
  }
  return { institutionId: id, country };
}

export function validateKind(value: unknown): InstitutionKind {
  if (isCode(INSTITUTION_KINDS, value)) return value;
  throw new ValidationError(
    'referral.institution.unknown_kind',
    {
      es: `Tipo de institución desconocido: "${String(value)}". Use uno de: ${Object.keys(INSTITUTION_KINDS).join(', ')}.`,
      en: `Unknown institution kind: "${String(value)}". Use one of: ${Object.keys(INSTITUTION_KINDS).join(', ')}.`,
    },
    { kind: String(value), allowed: Object.keys(INSTITUTION_KINDS) },
  );
}

/** The name in both languages, trimmed, each 1 to 200 characters (422). */
export function validateName(value: unknown): LocalizedText {
  const raw = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const es = typeof raw.es === 'string' ? raw.es.trim() : '';
  const en = typeof raw.en === 'string' ? raw.en.trim() : '';
  const fits = (s: string) => s.length > 0 && s.length <= INSTITUTION_NAME_MAX_LENGTH;
  if (!fits(es) || !fits(en)) {
    throw new ValidationError('referral.institution.invalid_name', {
      es: `Escriba el nombre de la institución en español y en inglés (de 1 a ${INSTITUTION_NAME_MAX_LENGTH} caracteres cada uno).`,
      en: `Write the institution's name in Spanish and in English (1 to ${INSTITUTION_NAME_MAX_LENGTH} characters each).`,
    });
  }
  return { es, en };
}

/** Intake and backup must be two different people, or the backup backs up no one (422). */
export function requireDistinctFocalPoints(intake: FocalPoint, backup: FocalPoint): void {
  if (intake.focalPointId !== backup.focalPointId) return;
  throw new ValidationError(
    'referral.institution.same_focal_point',
    {
      es: `El punto focal de recepción y el suplente son la misma persona (${intake.focalPointId}); designe un suplente distinto.`,
      en: `The intake and the backup focal points are the same person (${intake.focalPointId}); name a different backup.`,
    },
    { focalPointId: intake.focalPointId },
  );
}

/** A verification date: a real date, not after today (UTC), not before the previous verification (422). */
export function validateVerifiedOn(value: unknown, now: Date, previous: string | null): string {
  if (!isCalendarDate(value)) {
    throw new ValidationError(
      'referral.institution.invalid_verification_date',
      {
        es: `Fecha de verificación inválida: "${String(value)}". Use AAAA-MM-DD (p. ej. 2020-06-30).`,
        en: `Invalid verification date: "${String(value)}". Use YYYY-MM-DD (e.g. 2020-06-30).`,
      },
      { verifiedOn: String(value) },
    );
  }
  const today = calendarDateOf(now);
  if (value > today) {
    throw new ValidationError(
      'referral.institution.verification_in_future',
      {
        es: `La fecha de verificación ${value} es posterior a hoy (${today}): registre la verificación cuando se haya hecho.`,
        en: `The verification date ${value} is after today (${today}): record the verification once it is done.`,
      },
      { verifiedOn: value, today },
    );
  }
  if (previous !== null && value < previous) {
    throw new ValidationError(
      'referral.institution.verification_before_last',
      {
        es: `La fecha de verificación ${value} es anterior a la última verificación registrada (${previous}).`,
        en: `The verification date ${value} is before the last recorded verification (${previous}).`,
      },
      { verifiedOn: value, lastVerifiedOn: previous },
    );
  }
  return value;
}

export function validateDeactivationReason(value: unknown): DeactivationReason {
  if (isCode(DEACTIVATION_REASONS, value)) return value;
  throw new ValidationError(
    'referral.institution.invalid_deactivation_reason',
    {
      es: `Indique el motivo de la desactivación con uno de: ${Object.keys(DEACTIVATION_REASONS).join(', ')}.`,
      en: `Give the reason for the deactivation as one of: ${Object.keys(DEACTIVATION_REASONS).join(', ')}.`,
    },
    { reason: String(value) },
  );
}

/**
 * The registered entry the command addresses: the stream must hold one (404), for the same id (422), and,
 * unless `deactivatedToo`, it must be active (409).
 */
export function requireRegistered(
  institutionId: unknown,
  state: InstitutionState,
  options: { deactivatedToo?: boolean } = {},
): InstitutionEntry {
  const id = validateInstitutionId(institutionId);
  const entry = state.entry;
  if (!entry) {
    throw new NotFoundError(
      'referral.institution.not_registered',
      {
        es: `La institución ${id} no está registrada en el directorio; regístrela primero.`,
        en: `Institution ${id} is not registered in the directory; register it first.`,
      },
      { institutionId: id },
    );
  }
  if (entry.institutionId !== id) {
    throw new ValidationError(
      'referral.institution.id_mismatch',
      {
        es: `El comando es para la institución ${id}, pero esta entrada del directorio es de ${entry.institutionId}.`,
        en: `The command is for institution ${id}, but this directory entry is for ${entry.institutionId}.`,
      },
      { commandInstitutionId: id, institutionId: entry.institutionId },
    );
  }
  if (state.status === 'deactivated' && !options.deactivatedToo) {
    throw new ConflictError(
      'referral.institution.deactivated',
      {
        es: `La institución ${id} está desactivada (${DEACTIVATION_REASONS[state.deactivationReason ?? 'other'].es}); reactívela antes de modificarla o verificarla.`,
        en: `Institution ${id} is deactivated (${DEACTIVATION_REASONS[state.deactivationReason ?? 'other'].en}); reactivate it before changing or verifying it.`,
      },
      { institutionId: id, reason: state.deactivationReason },
    );
  }
  return entry;
}
