import { ValidationError } from '@crm/kernel';
import { indicatorProblems, normalizeIndicators, validateIndicators } from './indicator-validation';
import {
  INDICATOR_DEFINITIONS,
  INDICATOR_FIELDS,
  indicatorFieldsOf,
  type CaseIndicators,
} from './indicators';
import { isIsoCountryCode, ISO_COUNTRY_CODES } from './iso-countries';
import { indicators } from './test-support';

const TODAY = '2020-06-30';
const problemsOf = (over: Record<string, unknown>) =>
  indicatorProblems({ ...indicators(), ...over }, TODAY).map((p) => `${p.field}:${p.code}`);

describe('the common registration indicators', () => {
  it('a complete, consistent set has no problem', () => {
    expect(indicatorProblems(indicators(), TODAY)).toEqual([]);
  });

  it('every indicator has es/en labels, and every code list es/en labels', () => {
    for (const field of INDICATOR_FIELDS) {
      const def = INDICATOR_DEFINITIONS[field];
      expect(def.label.es.trim() && def.label.en.trim()).toBeTruthy();
      for (const label of Object.values(def.values ?? {}))
        expect(label.es.trim() && label.en.trim()).toBeTruthy();
      for (const code of def.exclusive ?? []) expect(Object.keys(def.values ?? {})).toContain(code);
    }
  });

  it('health and protection needs are disclosed under their own categories, the rest as indicators', () => {
    expect(indicatorFieldsOf('health')).toEqual([
      'healthNeeds',
      'psychosocialNeeds',
      'disability',
      'pregnancyOrParenthood',
    ]);
    expect(indicatorFieldsOf('protection')).toEqual(['internationalProtectionNeeds']);
    expect(indicatorFieldsOf('indicators')).toContain('ageBand');
    expect(indicatorFieldsOf('identity')).toEqual([]);
  });

  it('knows the 249 ISO 3166-1 alpha-2 codes', () => {
    expect(ISO_COUNTRY_CODES.size).toBe(249);
    expect(isIsoCountryCode('VE')).toBe(true);
    expect(isIsoCountryCode('XK')).toBe(false); // user-assigned, not official
    expect(isIsoCountryCode('hn')).toBe(false);
  });

  it('refuses anything that is not an indicator: no name or note may travel in clear', () => {
    expect(problemsOf({ givenNames: 'José', notes: 'vive con su tía' })).toEqual([
      'givenNames:unknown_indicator',
      'notes:unknown_indicator',
    ]);
    expect(indicatorProblems(null, TODAY).map((p) => p.code)).toEqual(['required']);
  });

  it('names each missing required indicator; optional ones may be left out', () => {
    const {
      ageBand: _a,
      languages: _l,
      ageYears: _y,
      previousReturns: _p,
      detectionAdminArea: _d,
      transitCountries: _t,
      ...rest
    } = indicators();
    expect(indicatorProblems(rest, TODAY).map((p) => `${p.field}:${p.code}`)).toEqual([
      'ageBand:required',
      'languages:required',
    ]);
  });

  it.each([
    ['ageBand', '16-17'],
    ['ageYears', 18],
    ['ageYears', 15.5],
    ['sex', 'F'],
    ['nationality', 'Honduras'],
    ['nationality', 'XK'],
    ['countryOfOrigin', 'stateless'], // stateless is a nationality, not a country
    ['countryOfDetection', 'CO'], // detection happens in a member country
    ['countryOfDestination', 'us'],
    ['transitCountries', ['GT', 'Mexico']],
    ['accompaniment', 'alone'],
    ['travellingWith', []],
    ['detectedOn', '2020-02-30'],
    ['detectionPlaceType', 'river'],
    ['detectionAdminArea', 'Chiapas'],
    ['internationalProtectionNeeds', ['refugee', 'gang_member']],
    ['documentation', 'passport'],
    ['healthNeeds', []],
    ['disability', true],
    ['reasonsForMigrating', ['adventure']],
    ['languages', ['Spanish']],
    ['needsInterpreter', 'no'],
    ['indigenousPeople', 'maybe'],
    ['schoolingBeforeMigrating', 'primary'],
    ['previousReturns', -1],
  ])('refuses %s = %j', (field, value) => {
    expect(problemsOf({ [field]: value })).toEqual([`${field}:invalid_value`]);
  });

  it('accepts non-member nationalities, statelessness and unknowns', () => {
    expect(problemsOf({ nationality: 'VE', countryOfOrigin: 'CO', countryOfDestination: 'unknown' })).toEqual(
      [],
    );
    expect(problemsOf({ nationality: 'unknown' })).toEqual([]);
    expect(problemsOf({ nationality: 'stateless', internationalProtectionNeeds: ['stateless'] })).toEqual([]);
  });

  it('refuses a detection in the future (today being the UTC date)', () => {
    expect(problemsOf({ detectedOn: '2020-07-01' })).toEqual(['detectedOn:future_date']);
    expect(problemsOf({ detectedOn: TODAY })).toEqual([]);
  });

  it('an exclusive code ("none", "unknown", "not yet assessed") stands alone', () => {
    expect(problemsOf({ documentation: ['none', 'passport'] })).toEqual(['documentation:exclusive']);
    expect(problemsOf({ healthNeeds: ['not_yet_assessed', 'injury'] })).toEqual(['healthNeeds:exclusive']);
    expect(problemsOf({ travellingWith: ['alone', 'siblings'] })).toEqual(['travellingWith:exclusive']);
    expect(problemsOf({ documentation: ['none', 'none'] })).toEqual([]);
  });

  describe('consistency between indicators', () => {
    it('the age falls in its band', () => {
      expect(problemsOf({ ageBand: '12-14', ageYears: 15 })).toEqual(['ageYears:inconsistent']);
      expect(problemsOf({ ageBand: '0-5', ageYears: 0 })).toEqual([]);
    });

    it('a documented age needs a document', () => {
      expect(problemsOf({ ageAssessment: 'documented', documentation: ['none'] })).toEqual([
        'ageAssessment:inconsistent',
      ]);
    });

    it('the administrative area is in the country of detection', () => {
      expect(problemsOf({ detectionAdminArea: 'GT-QZ' })).toEqual(['detectionAdminArea:inconsistent']);
    });

    it('accompaniment and who the child travels with agree (UN CRC GC 6)', () => {
      expect(problemsOf({ accompaniment: 'accompanied', travellingWith: ['siblings'] })).toEqual([
        'travellingWith:inconsistent',
      ]);
      expect(
        problemsOf({ accompaniment: 'separated', travellingWith: ['parent_or_legal_caregiver'] }),
      ).toEqual(['travellingWith:inconsistent']);
      expect(problemsOf({ accompaniment: 'unaccompanied', travellingWith: ['adult_relative'] })).toEqual([
        'travellingWith:inconsistent',
      ]);
      // separated siblings travelling together with an aunt; an unaccompanied child with an unrelated adult
      expect(
        problemsOf({ accompaniment: 'separated', travellingWith: ['siblings', 'adult_relative'] }),
      ).toEqual([]);
      expect(problemsOf({ accompaniment: 'unaccompanied', travellingWith: ['unrelated_adult'] })).toEqual([]);
      expect(
        problemsOf({
          accompaniment: 'accompanied',
          travellingWith: ['parent_or_legal_caregiver', 'siblings'],
        }),
      ).toEqual([]);
    });

    it('a stateless child has a statelessness protection need (or needs are not yet assessed)', () => {
      expect(problemsOf({ nationality: 'stateless' })).toEqual(['internationalProtectionNeeds:inconsistent']);
      expect(
        problemsOf({ nationality: 'stateless', internationalProtectionNeeds: ['not_yet_assessed'] }),
      ).toEqual([]);
    });
  });

  it('normalises lists: code lists in their list order without repeats, routes and languages as given', () => {
    const normal = normalizeIndicators(
      indicators({
        reasonsForMigrating: ['family_reunification', 'violence', 'violence'],
        transitCountries: ['MX', 'GT', 'MX'],
        languages: ['mam', 'es', 'mam'],
      }),
    );
    expect(normal.reasonsForMigrating).toEqual(['violence', 'family_reunification']);
    expect(normal.transitCountries).toEqual(['MX', 'GT']);
    expect(normal.languages).toEqual(['mam', 'es']);
  });

  it('validateIndicators refuses with every problem in the details (422)', () => {
    let error: unknown;
    try {
      validateIndicators({ ...indicators(), sex: 'X', detectedOn: '2021-01-01' }, TODAY);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    const refusal = error as ValidationError;
    expect(refusal.code).toBe('referral.case.invalid_indicators');
    expect((refusal.details.problems as Array<{ field: string }>).map((p) => p.field)).toEqual([
      'sex',
      'detectedOn',
    ]);
    expect(refusal.text.es).toContain('Sexo');
    expect(refusal.text.en).toContain('after today');
    expect(validateIndicators(indicators(), TODAY)).toEqual(
      normalizeIndicators(indicators() as CaseIndicators),
    );
  });
});
