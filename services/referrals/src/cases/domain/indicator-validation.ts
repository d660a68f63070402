import { isCountryCode, ValidationError, type LocalizedText } from '@crm/kernel';
import { distinct, isCalendarDate, isLanguageCode } from '../../shared/formats';
import { isIsoCountryCode } from './iso-countries';
import {
  AGE_BAND_RANGES,
  INDICATOR_DEFINITIONS,
  INDICATOR_FIELDS,
  type AgeBand,
  type CaseIndicators,
  type IndicatorDefinition,
  type IndicatorField,
} from './indicators';

/** One thing wrong with a set of indicators, named by field, with a stable code and an es/en text. */
export interface IndicatorProblem {
  field: string;
  code: 'unknown_indicator' | 'required' | 'invalid_value' | 'future_date' | 'exclusive' | 'inconsistent';
  text: LocalizedText;
}

const ADMIN_AREA = /^([A-Z]{2})-[A-Z0-9]{1,3}$/;

/**
 * Every problem of `value` as a set of indicators, `today` being the decision's UTC date (a detection may
 * not be in the future). Empty when valid. Unknown fields are problems too: nothing else (a name, a note)
 * may travel in clear beside the indicators.
 */
export function indicatorProblems(value: unknown, today: string): IndicatorProblem[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return [
      problem(
        'indicators',
        'required',
        'Faltan los indicadores de registro.',
        'The registration indicators are missing.',
      ),
    ];
  }
  const raw = value as Record<string, unknown>;
  const problems: IndicatorProblem[] = Object.keys(raw)
    .filter((k) => !(INDICATOR_FIELDS as string[]).includes(k))
    .map((k) =>
      problem(
        k,
        'unknown_indicator',
        `"${k}" no es un indicador común de registro; los datos que identifican a la niña, niño o adolescente van cifrados aparte.`,
        `"${k}" is not a common registration indicator; data identifying the child goes encrypted, separately.`,
      ),
    );
  for (const field of INDICATOR_FIELDS) {
    problems.push(...fieldProblems(field, INDICATOR_DEFINITIONS[field], raw[field], today));
  }
  if (problems.length > 0) return problems;
  return consistencyProblems(raw as unknown as CaseIndicators);
}

function fieldProblems(
  field: IndicatorField,
  def: IndicatorDefinition,
  v: unknown,
  today: string,
): IndicatorProblem[] {
  const name = def.label;
  if (v === undefined || v === null) {
    return def.required
      ? [problem(field, 'required', `Falta el indicador "${name.es}".`, `Indicator "${name.en}" is missing.`)]
      : [];
  }
  const invalid = (es: string, en: string) => [
    problem(field, 'invalid_value', `"${name.es}": ${es}`, `"${name.en}": ${en}`),
  ];
  const codes = Object.keys(def.values ?? {});
  switch (def.type) {
    case 'code':
      return codes.includes(v as string)
        ? []
        : invalid(`use uno de ${codes.join(', ')}.`, `use one of ${codes.join(', ')}.`);
    case 'codes': {
      if (!Array.isArray(v) || v.length === 0 || !v.every((c) => codes.includes(c))) {
        return invalid(
          `indique uno o más de ${codes.join(', ')}.`,
          `give one or more of ${codes.join(', ')}.`,
        );
      }
      const alone = (def.exclusive ?? []).find((c) => v.includes(c));
      return alone && distinct(v).length > 1
        ? [
            problem(
              field,
              'exclusive',
              `"${name.es}": "${alone}" no se combina con otros valores.`,
              `"${name.en}": "${alone}" cannot be combined with other values.`,
            ),
          ]
        : [];
    }
    case 'integer':
      return Number.isInteger(v) && (v as number) >= (def.min ?? 0) && (v as number) <= (def.max ?? Infinity)
        ? []
        : invalid(
            `un número entero de ${def.min} a ${def.max}.`,
            `a whole number from ${def.min} to ${def.max}.`,
          );
    case 'date':
      if (!isCalendarDate(v))
        return invalid('use AAAA-MM-DD (p. ej. 2020-06-30).', 'use YYYY-MM-DD (e.g. 2020-06-30).');
      return v > today
        ? [
            problem(
              field,
              'future_date',
              `"${name.es}": ${v} es posterior a hoy (${today}).`,
              `"${name.en}": ${v} is after today (${today}).`,
            ),
          ]
        : [];
    case 'member_country':
      return isCountryCode(v)
        ? []
        : invalid(
            'debe ser un país miembro de la CRM (p. ej. MX).',
            'must be a CRM member country (e.g. MX).',
          );
    case 'country':
      return isIsoCountryCode(v) || codes.includes(v as string)
        ? []
        : invalid(
            `un código ISO 3166-1 alfa-2 (p. ej. HN) o ${codes.join(', ')}.`,
            `an ISO 3166-1 alpha-2 code (e.g. HN) or ${codes.join(', ')}.`,
          );
    case 'countries':
      return Array.isArray(v) && v.every(isIsoCountryCode)
        ? []
        : invalid(
            'una lista de códigos ISO 3166-1 alfa-2 (p. ej. ["GT", "MX"]).',
            'a list of ISO 3166-1 alpha-2 codes (e.g. ["GT", "MX"]).',
          );
    case 'admin_area':
      return typeof v === 'string' && ADMIN_AREA.test(v)
        ? []
        : invalid(
            'un código ISO 3166-2 de primer nivel (p. ej. MX-CHP).',
            'a first-level ISO 3166-2 code (e.g. MX-CHP).',
          );
    case 'languages':
      return Array.isArray(v) && v.length > 0 && v.every(isLanguageCode)
        ? []
        : invalid(
            'uno o más códigos ISO 639 en minúsculas (p. ej. es, mam).',
            'one or more lower-case ISO 639 codes (e.g. es, mam).',
          );
    case 'boolean':
      return typeof v === 'boolean' ? [] : invalid('sí (true) o no (false).', 'yes (true) or no (false).');
  }
}

/** Rules across indicators, checked once each one is valid on its own. */
function consistencyProblems(i: CaseIndicators): IndicatorProblem[] {
  const problems: IndicatorProblem[] = [];
  const inconsistent = (field: IndicatorField, es: string, en: string) =>
    problems.push(problem(field, 'inconsistent', es, en));
  const [min, max] = AGE_BAND_RANGES[i.ageBand as AgeBand];
  if (i.ageYears !== undefined && (i.ageYears < min || i.ageYears > max)) {
    inconsistent(
      'ageYears',
      `La edad ${i.ageYears} no está en el rango ${i.ageBand}.`,
      `Age ${i.ageYears} is not in band ${i.ageBand}.`,
    );
  }
  if (i.ageAssessment === 'documented' && i.documentation.includes('none')) {
    inconsistent(
      'ageAssessment',
      'La edad no puede estar documentada si no porta ningún documento.',
      'The age cannot be documented when the child carries no document.',
    );
  }
  if (i.detectionAdminArea !== undefined && !i.detectionAdminArea.startsWith(`${i.countryOfDetection}-`)) {
    inconsistent(
      'detectionAdminArea',
      `La división ${i.detectionAdminArea} no es del país de detección (${i.countryOfDetection}).`,
      `Area ${i.detectionAdminArea} is not in the country of detection (${i.countryOfDetection}).`,
    );
  }
  const withCaregiver = i.travellingWith.includes('parent_or_legal_caregiver');
  if (i.accompaniment === 'accompanied' && !withCaregiver) {
    inconsistent(
      'travellingWith',
      'Acompañada/o significa que viaja con su madre, padre o tutor legal: indíquelo.',
      'Accompanied means travelling with a parent or legal caregiver: say so.',
    );
  }
  if (i.accompaniment !== 'accompanied' && withCaregiver) {
    inconsistent(
      'travellingWith',
      'Si viaja con su madre, padre o tutor legal, está acompañada/o, no separada/o ni no acompañada/o.',
      'A child travelling with a parent or legal caregiver is accompanied, not separated or unaccompanied.',
    );
  }
  if (i.accompaniment === 'unaccompanied' && i.travellingWith.includes('adult_relative')) {
    inconsistent(
      'travellingWith',
      'Si viaja con un familiar adulto, está separada/o, no no acompañada/o.',
      'A child travelling with an adult relative is separated, not unaccompanied.',
    );
  }
  const needs = i.internationalProtectionNeeds;
  if (i.nationality === 'stateless' && !needs.includes('stateless') && !needs.includes('not_yet_assessed')) {
    inconsistent(
      'internationalProtectionNeeds',
      'Una niña, niño o adolescente apátrida tiene necesidad de protección por apatridia: inclúyala.',
      'A stateless child needs protection as stateless: include it.',
    );
  }
  return problems;
}

/**
 * The indicators in canonical form: each list without repeats and, for code lists, in the order of its code
 * list (transit countries and languages keep the order given: the route, the main language first). Two
 * equal sets of indicators are then deep-equal, so an update that changes nothing records nothing.
 */
export function normalizeIndicators(i: CaseIndicators): CaseIndicators {
  const out: Record<string, unknown> = {};
  for (const field of INDICATOR_FIELDS) {
    const v = i[field];
    if (v === undefined || v === null) continue;
    const def = INDICATOR_DEFINITIONS[field];
    if (def.type === 'codes') {
      out[field] = Object.keys(def.values ?? {}).filter((c) => (v as string[]).includes(c));
    } else {
      out[field] = Array.isArray(v) ? distinct(v as string[]) : v;
    }
  }
  return out as unknown as CaseIndicators;
}

/** The indicators in canonical form when valid, else 422 `referral.case.invalid_indicators` listing every problem. */
export function validateIndicators(value: unknown, today: string): CaseIndicators {
  const problems = indicatorProblems(value, today);
  if (problems.length === 0) return normalizeIndicators(value as CaseIndicators);
  throw new ValidationError(
    'referral.case.invalid_indicators',
    {
      es: `Revise los indicadores de registro: ${problems.map((p) => p.text.es).join(' ')}`,
      en: `Check the registration indicators: ${problems.map((p) => p.text.en).join(' ')}`,
    },
    { problems },
  );
}

function problem(field: string, code: IndicatorProblem['code'], es: string, en: string): IndicatorProblem {
  return { field, code, text: { es, en } };
}
