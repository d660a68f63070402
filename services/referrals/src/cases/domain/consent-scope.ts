import { MEMBER_COUNTRIES, ValidationError, type CountryCode } from '@crm/kernel';
import { isCalendarDate } from '../../shared/formats';
import {
  DATA_CATEGORIES,
  FOLLOW_UP_SERVICES,
  type DataCategory,
  type FollowUpService,
} from '../../shared/vocabulary';
import { isInstitutionId } from '../../directory/domain/institution-id';

/**
 * What a consent allows: which categories of the case's data, to which recipients (every institution of a
 * country in `countries`, or one institution in `institutions`), for which follow-up purposes, until which
 * date (inclusive). Kept in canonical order (the vocabularies' order, member countries' order, institution
 * ids sorted) so two scopes compare by value.
 */
export interface ConsentScope {
  categories: DataCategory[];
  countries: CountryCode[];
  institutions: string[];
  purpose: FollowUpService[];
  validUntil: string;
}

/** What a narrowing or a withdrawal took away from a scope. */
export interface ScopeReduction {
  categories: DataCategory[];
  countries: CountryCode[];
  institutions: string[];
  purpose: FollowUpService[];
  /** Set when the consent now ends earlier. */
  validUntil: { from: string; to: string } | null;
}

const ALL_CATEGORIES = Object.keys(DATA_CATEGORIES) as DataCategory[];
const ALL_PURPOSES = Object.keys(FOLLOW_UP_SERVICES) as FollowUpService[];

function invalidScope(es: string, en: string, details: Record<string, unknown> = {}): never {
  throw new ValidationError(
    'referral.case.invalid_consent_scope',
    { es: `Alcance del consentimiento inválido: ${es}`, en: `Invalid consent scope: ${en}` },
    details,
  );
}

/** The subset of `known` that `value` lists, in `known`'s order; 422 when `value` has anything else. */
function listOf<T extends string>(value: unknown, known: readonly T[], field: string): T[] {
  if (!Array.isArray(value) || !value.every((v) => (known as readonly unknown[]).includes(v))) {
    return invalidScope(
      `${field} debe ser una lista de: ${known.join(', ')}.`,
      `${field} must be a list of: ${known.join(', ')}.`,
      { [field]: value },
    );
  }
  return known.filter((k) => value.includes(k));
}

/**
 * The scope in canonical form, else 422 `referral.case.invalid_consent_scope`: at least one category, one
 * recipient (a country or an institution) and one purpose; `validUntil` a date not before `today`.
 */
export function validateConsentScope(value: unknown, today: string): ConsentScope {
  const raw = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const categories = listOf(raw.categories, ALL_CATEGORIES, 'categories');
  const countries = listOf(raw.countries ?? [], MEMBER_COUNTRIES, 'countries');
  const purpose = listOf(raw.purpose, ALL_PURPOSES, 'purpose');
  const institutions = raw.institutions ?? [];
  if (!Array.isArray(institutions) || !institutions.every(isInstitutionId)) {
    invalidScope(
      'institutions debe ser una lista de identificadores del directorio (p. ej. GT-SBS).',
      'institutions must be a list of directory ids (e.g. GT-SBS).',
      { institutions },
    );
  }
  if (categories.length === 0)
    invalidScope('indique al menos una categoría de datos.', 'give at least one data category.');
  if (purpose.length === 0)
    invalidScope(
      'indique al menos un propósito (servicio de seguimiento).',
      'give at least one purpose (follow-up service).',
    );
  if (countries.length === 0 && institutions.length === 0) {
    invalidScope(
      'indique al menos un país o una institución destinataria.',
      'give at least one recipient country or institution.',
    );
  }
  if (!isCalendarDate(raw.validUntil)) {
    invalidScope('validUntil debe ser una fecha AAAA-MM-DD.', 'validUntil must be a YYYY-MM-DD date.', {
      validUntil: raw.validUntil,
    });
  }
  const validUntil = raw.validUntil as string;
  if (validUntil < today) {
    invalidScope(
      `validUntil (${validUntil}) ya pasó (hoy es ${today}).`,
      `validUntil (${validUntil}) has already passed (today is ${today}).`,
      { validUntil, today },
    );
  }
  return {
    categories,
    countries,
    institutions: [...new Set(institutions as string[])].sort(),
    purpose,
    validUntil,
  };
}

/** What `after` lacks compared with `before` (empty lists and null when nothing was taken away). */
export function scopeReduction(before: ConsentScope, after: ConsentScope | null): ScopeReduction {
  const lost = <T>(a: readonly T[], b: readonly T[] | undefined) => a.filter((x) => !(b ?? []).includes(x));
  const to = after?.validUntil;
  return {
    categories: lost(before.categories, after?.categories),
    countries: lost(before.countries, after?.countries),
    institutions: lost(before.institutions, after?.institutions),
    purpose: lost(before.purpose, after?.purpose),
    validUntil: to !== undefined && to < before.validUntil ? { from: before.validUntil, to } : null,
  };
}

/** `after` gives nothing `before` did not, and takes at least something away. */
export function isStrictlyNarrower(before: ConsentScope, after: ConsentScope): boolean {
  const within = <T>(a: readonly T[], b: readonly T[]) => a.every((x) => b.includes(x));
  const contained =
    within(after.categories, before.categories) &&
    within(after.countries, before.countries) &&
    within(after.institutions, before.institutions) &&
    within(after.purpose, before.purpose) &&
    after.validUntil <= before.validUntil;
  const r = scopeReduction(before, after);
  const reduced =
    r.categories.length + r.countries.length + r.institutions.length + r.purpose.length > 0 ||
    r.validUntil !== null;
  return contained && reduced;
}
