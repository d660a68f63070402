/** The eleven Member Countries of the Regional Conference on Migration (ISO 3166-1 alpha-2). */
export const MEMBER_COUNTRIES = ['BZ', 'CA', 'CR', 'SV', 'GT', 'HN', 'MX', 'NI', 'PA', 'DO', 'US'] as const;
export type CountryCode = (typeof MEMBER_COUNTRIES)[number];

/** The Technical Secretariat of the CRM (ST-CRM) acts for the whole network, not for a country. */
export const SECRETARIAT = 'ST' as const;
export type Secretariat = typeof SECRETARIAT;
export type Jurisdiction = CountryCode | Secretariat;

export const COUNTRY_NAMES: Record<CountryCode, { es: string; en: string }> = {
  BZ: { es: 'Belice', en: 'Belize' },
  CA: { es: 'Canadá', en: 'Canada' },
  CR: { es: 'Costa Rica', en: 'Costa Rica' },
  SV: { es: 'El Salvador', en: 'El Salvador' },
  GT: { es: 'Guatemala', en: 'Guatemala' },
  HN: { es: 'Honduras', en: 'Honduras' },
  MX: { es: 'México', en: 'Mexico' },
  NI: { es: 'Nicaragua', en: 'Nicaragua' },
  PA: { es: 'Panamá', en: 'Panama' },
  DO: { es: 'República Dominicana', en: 'Dominican Republic' },
  US: { es: 'Estados Unidos', en: 'United States' },
};

export function isCountryCode(value: unknown): value is CountryCode {
  return typeof value === 'string' && (MEMBER_COUNTRIES as readonly string[]).includes(value);
}

export function isJurisdiction(value: unknown): value is Jurisdiction {
  return value === SECRETARIAT || isCountryCode(value);
}
