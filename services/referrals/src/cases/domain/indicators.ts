import type { CountryCode, LocalizedText } from '@crm/kernel';
import type { DataCategory } from '../../shared/vocabulary';
import * as values from './indicator-values';

export * from './indicator-values';

/**
 * The common registration indicators of an unaccompanied or separated migrant child (plan IV.1.1.3,
 * VI.1.1.4, XVI.2.2.5): NON-identifying facts, kept in clear so the network can count and compare
 * (aggregates, profiles by consular district, IV.2). Nothing here names, dates the birth of, pictures or
 * locates a particular child below a first-level administrative area; that is the identifying record
 * (identifying.ts), always encrypted. docs/referrals-indicators.md explains each one.
 */
type Code<List> = keyof List & string;

export interface CaseIndicators {
  ageBand: values.AgeBand;
  /** Age in whole years, when known; must fall in `ageBand`. */
  ageYears?: number;
  ageAssessment: Code<typeof values.AGE_ASSESSMENTS>;
  sex: Code<typeof values.SEXES>;
  /** ISO 3166-1 alpha-2, or `stateless` / `unknown`. */
  nationality: string;
  /** ISO 3166-1 alpha-2 of habitual residence, or `unknown`. */
  countryOfOrigin: string;
  /** The member country where the child was detected. */
  countryOfDetection: CountryCode;
  /** ISO 3166-1 alpha-2, or `unknown`. */
  countryOfDestination: string;
  /** ISO 3166-1 alpha-2 codes, in the order travelled (may be empty). */
  transitCountries: string[];
  migrationStage: Code<typeof values.MIGRATION_STAGES>;
  accompaniment: values.Accompaniment;
  travellingWith: values.TravellingWith[];
  detectedOn: string;
  detectionPlaceType: Code<typeof values.DETECTION_PLACE_TYPES>;
  /** ISO 3166-2 code of a first-level subdivision of the country of detection, e.g. `MX-CHP`. */
  detectionAdminArea?: string;
  internationalProtectionNeeds: Code<typeof values.INTERNATIONAL_PROTECTION_NEEDS>[];
  documentation: Code<typeof values.DOCUMENTATION>[];
  healthNeeds: Code<typeof values.HEALTH_NEEDS>[];
  psychosocialNeeds: Code<typeof values.PSYCHOSOCIAL_NEEDS>[];
  disability: Code<typeof values.YES_NO_UNKNOWN>;
  pregnancyOrParenthood: Code<typeof values.PREGNANCY_OR_PARENTHOOD>[];
  reasonsForMigrating: Code<typeof values.REASONS_FOR_MIGRATING>[];
  /** ISO 639 codes of the languages the child speaks, at least one. */
  languages: string[];
  needsInterpreter: boolean;
  indigenousPeople: Code<typeof values.YES_NO_UNKNOWN>;
  schoolingBeforeMigrating: Code<typeof values.SCHOOLING>;
  /** How many times the child was returned to their country before. */
  previousReturns?: number;
}
export type IndicatorField = keyof CaseIndicators;

/** How an indicator is written and checked. */
export type IndicatorType =
  | 'code'
  | 'codes'
  | 'integer'
  | 'date'
  | 'member_country'
  | 'country'
  | 'countries'
  | 'admin_area'
  | 'languages'
  | 'boolean';

export interface IndicatorDefinition {
  label: LocalizedText;
  type: IndicatorType;
  required: boolean;
  /**
   * The data category a referral discloses it under: needs about health or protection follow the
   * `health` and `protection` categories (a consular officer sees protection needs, not health needs).
   */
  category: Extract<DataCategory, 'indicators' | 'health' | 'protection'>;
  /** The codes of a `code` / `codes` indicator; the extra codes of a `country` indicator. */
  values?: Readonly<Record<string, LocalizedText>>;
  /** Codes of a `codes` indicator that exclude every other code ("none", "unknown"). */
  exclusive?: readonly string[];
  min?: number;
  max?: number;
}

const define = (
  es: string,
  en: string,
  type: IndicatorType,
  more: Partial<IndicatorDefinition> = {},
): IndicatorDefinition => ({ label: { es, en }, type, required: true, category: 'indicators', ...more });

/** Every indicator, in the order of the registration form. The compiler checks none is left out. */
export const INDICATOR_DEFINITIONS: Readonly<Record<IndicatorField, IndicatorDefinition>> = {
  ageBand: define('Rango de edad', 'Age band', 'code', { values: values.AGE_BANDS }),
  ageYears: define('Edad en años', 'Age in years', 'integer', { required: false, min: 0, max: 17 }),
  ageAssessment: define('Cómo se conoce la edad', 'How the age is known', 'code', {
    values: values.AGE_ASSESSMENTS,
  }),
  sex: define('Sexo', 'Sex', 'code', { values: values.SEXES }),
  nationality: define('Nacionalidad', 'Nationality', 'country', { values: values.NATIONALITY_EXTRAS }),
  countryOfOrigin: define('País de origen', 'Country of origin', 'country', {
    values: values.COUNTRY_EXTRAS,
  }),
  countryOfDetection: define('País de detección', 'Country of detection', 'member_country'),
  countryOfDestination: define('País de destino', 'Country of destination', 'country', {
    values: values.COUNTRY_EXTRAS,
  }),
  transitCountries: define('Países de tránsito', 'Transit countries', 'countries', { required: false }),
  migrationStage: define('Etapa de la migración', 'Stage of migration', 'code', {
    values: values.MIGRATION_STAGES,
  }),
  accompaniment: define('Situación de acompañamiento', 'Accompaniment', 'code', {
    values: values.ACCOMPANIMENTS,
  }),
  travellingWith: define('Con quién viaja', 'Travelling with', 'codes', {
    values: values.TRAVELLING_WITH,
    exclusive: ['alone', 'unknown'],
  }),
  detectedOn: define('Fecha de detección', 'Date of detection', 'date'),
  detectionPlaceType: define('Tipo de lugar de detección', 'Type of place of detection', 'code', {
    values: values.DETECTION_PLACE_TYPES,
  }),
  detectionAdminArea: define(
    'División administrativa de detección (primer nivel)',
    'Administrative area of detection (first level)',
    'admin_area',
    { required: false },
  ),
  internationalProtectionNeeds: define(
    'Necesidades de protección internacional',
    'International-protection needs',
    'codes',
    {
      values: values.INTERNATIONAL_PROTECTION_NEEDS,
      exclusive: ['none_identified', 'not_yet_assessed'],
      category: 'protection',
    },
  ),
  documentation: define('Documentación que porta', 'Documents carried', 'codes', {
    values: values.DOCUMENTATION,
    exclusive: ['none'],
  }),
  healthNeeds: define('Necesidades de salud', 'Health needs', 'codes', {
    values: values.HEALTH_NEEDS,
    exclusive: ['none_identified', 'not_yet_assessed'],
    category: 'health',
  }),
  psychosocialNeeds: define('Necesidades psicosociales', 'Psychosocial needs', 'codes', {
    values: values.PSYCHOSOCIAL_NEEDS,
    exclusive: ['none_identified', 'not_yet_assessed'],
    category: 'health',
  }),
  disability: define('Discapacidad', 'Disability', 'code', {
    values: values.YES_NO_UNKNOWN,
    category: 'health',
  }),
  pregnancyOrParenthood: define('Embarazo o maternidad/paternidad', 'Pregnancy or parenthood', 'codes', {
    values: values.PREGNANCY_OR_PARENTHOOD,
    exclusive: ['none', 'unknown'],
    category: 'health',
  }),
  reasonsForMigrating: define('Motivos de la migración', 'Reasons for migrating', 'codes', {
    values: values.REASONS_FOR_MIGRATING,
    exclusive: ['unknown'],
  }),
  languages: define('Idiomas que habla', 'Languages spoken', 'languages'),
  needsInterpreter: define('Necesita intérprete', 'Needs an interpreter', 'boolean'),
  indigenousPeople: define('Pertenece a un pueblo indígena', 'Belongs to an indigenous people', 'code', {
    values: values.YES_NO_UNKNOWN,
  }),
  schoolingBeforeMigrating: define('Escolaridad antes de migrar', 'Schooling before migrating', 'code', {
    values: values.SCHOOLING,
  }),
  previousReturns: define('Retornos anteriores', 'Previous returns', 'integer', {
    required: false,
    min: 0,
    max: 99,
  }),
};

export const INDICATOR_FIELDS = Object.keys(INDICATOR_DEFINITIONS) as IndicatorField[];

/** The indicators a referral discloses under `category` (indicators, health or protection). */
export function indicatorFieldsOf(category: DataCategory): IndicatorField[] {
  return INDICATOR_FIELDS.filter((f) => INDICATOR_DEFINITIONS[f].category === category);
}
