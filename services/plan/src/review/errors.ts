import {
  isCountryCode,
  MEMBER_COUNTRIES,
  type CountryCode,
  NotFoundError,
  InvalidRequestError,
} from '@crm/kernel';

/** 404: the country is not one of the 11 member countries. */
export class UnknownCountryError extends NotFoundError {
  constructor(value: string) {
    super(
      'plan.review.unknown_country',
      {
        es: `País desconocido: "${value}". Use uno de los 11 países miembros de la CRM: ${MEMBER_COUNTRIES.join(', ')}.`,
        en: `Unknown country: "${value}". Use one of the 11 CRM member countries: ${MEMBER_COUNTRIES.join(', ')}.`,
      },
      { country: value },
    );
  }
}

export function countryOrThrow(value: unknown): CountryCode {
  const upper = typeof value === 'string' ? value.toUpperCase() : '';
  if (!isCountryCode(upper)) throw new UnknownCountryError(String(value ?? ''));
  return upper;
}

const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(:(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * An ISO 8601 instant with a time zone (`2020-06-30T23:59:59Z`, `2020-06-30T17:59:59-06:00`). A date alone or
 * a time without zone is refused: an as-of review must name one unambiguous instant.
 */
export function instantOrThrow(value: unknown, name: string, required: true): Date;
export function instantOrThrow(value: unknown, name: string, required: boolean): Date | undefined;
export function instantOrThrow(value: unknown, name: string, required: boolean): Date | undefined {
  if (value === undefined || value === '') {
    if (!required) return undefined;
    throw new InvalidRequestError(
      'plan.review.instant_required',
      {
        es: `Falta "${name}": indique el instante de la consulta en ISO 8601 con zona horaria, p. ej. ?${name}=2020-06-30T23:59:59Z.`,
        en: `"${name}" is missing: give the instant of the query in ISO 8601 with a time zone, e.g. ?${name}=2020-06-30T23:59:59Z.`,
      },
      { parameter: name },
    );
  }
  const match = typeof value === 'string' ? ISO_INSTANT.exec(value) : null;
  const date = match ? new Date(value as string) : null;
  const realDay = match && new Date(Date.UTC(+match[1], +match[2] - 1, +match[3])).getUTCDate() === +match[3];
  if (
    !date ||
    Number.isNaN(date.getTime()) ||
    !realDay ||
    +match![4] > 23 ||
    +match![5] > 59 ||
    +(match![7] ?? 0) > 59
  ) {
    throw new InvalidRequestError(
      'plan.review.invalid_instant',
      {
        es: `"${name}" debe ser un instante ISO 8601 con zona horaria, p. ej. 2020-06-30T23:59:59Z; recibido: "${String(value ?? '')}".`,
        en: `"${name}" must be an ISO 8601 instant with a time zone, e.g. 2020-06-30T23:59:59Z; received: "${String(value ?? '')}".`,
      },
      { parameter: name, value: String(value ?? '') },
    );
  }
  return date;
}

export const REVIEW_FORMATS = ['json', 'csv', 'markdown'] as const;
export type ReviewFormat = (typeof REVIEW_FORMATS)[number];
export type ReviewLang = 'es' | 'en';

export function formatOrThrow(value: unknown): ReviewFormat {
  if (value === undefined || value === '') return 'json';
  if (typeof value === 'string' && (REVIEW_FORMATS as readonly string[]).includes(value))
    return value as ReviewFormat;
  throw new InvalidRequestError(
    'plan.review.invalid_format',
    {
      es: `Formato no admitido: "${String(value)}". Use json, csv o markdown.`,
      en: `Unsupported format: "${String(value)}". Use json, csv or markdown.`,
    },
    { format: String(value) },
  );
}

export function langOrThrow(value: unknown): ReviewLang {
  if (value === undefined || value === '') return 'es';
  if (value === 'es' || value === 'en') return value;
  throw new InvalidRequestError(
    'plan.review.invalid_lang',
    {
      es: `Idioma no admitido: "${String(value)}". Use es o en.`,
      en: `Unsupported language: "${String(value)}". Use es or en.`,
    },
    { lang: String(value) },
  );
}

export function rangeOrThrow(from: Date | undefined, to: Date | undefined): void {
  if (from && to && from.getTime() > to.getTime()) {
    throw new InvalidRequestError(
      'plan.review.invalid_range',
      {
        es: `El inicio del período (${from.toISOString()}) es posterior a su fin (${to.toISOString()}).`,
        en: `The start of the range (${from.toISOString()}) is after its end (${to.toISOString()}).`,
      },
      { from: from.toISOString(), to: to.toISOString() },
    );
  }
}
