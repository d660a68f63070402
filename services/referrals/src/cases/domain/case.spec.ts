import { given } from '@crm/decider';
import { ConflictError, NotFoundError, ValidationError } from '@crm/kernel';
import { caseCountry, isCaseId } from './case-id';
import { caseDecider } from './decider';
import type { CaseEvent } from './events';
import { CHILD_IDENTIFYING_FIELDS, IDENTIFYING_FIELD_CATEGORY, identifyingFieldsOf } from './identifying';
import { caseStreamName, parseCaseStreamName } from './stream';
import {
  AT,
  BY,
  CASE_ID,
  commands,
  fakeCiphertext,
  history,
  identifying,
  indicators,
  NOW,
  SUBJECT,
} from './test-support';

const registered = history(commands.register());
const closed = history(commands.register(), commands.close());

describe('case ids and streams', () => {
  it('a case id is the owning member country and a lower-case UUID v4', () => {
    expect(isCaseId(CASE_ID)).toBe(true);
    expect(caseCountry(CASE_ID)).toBe('HN');
    for (const bad of [
      'HN-3F0C8A1E-5B2D-4C6F-9A7E-1D2B3C4D5E6F', // upper case
      'HN-3f0c8a1e-5b2d-1c6f-9a7e-1d2b3c4d5e6f', // version 1
      'XX-3f0c8a1e-5b2d-4c6f-9a7e-1d2b3c4d5e6f', // not a member
      '3f0c8a1e-5b2d-4c6f-9a7e-1d2b3c4d5e6f',
    ]) {
      expect(isCaseId(bad)).toBe(false);
    }
    expect(caseStreamName(CASE_ID)).toBe(`referralCase-${CASE_ID}`);
    expect(parseCaseStreamName(`referralCase-${CASE_ID}`)).toBe(CASE_ID);
    expect(parseCaseStreamName(`referralInstitution-HN-DINAF`)).toBeNull();
    expect(() => caseStreamName('HN-1')).toThrow(ValidationError);
  });

  it('every identifying field has its data category', () => {
    expect(CHILD_IDENTIFYING_FIELDS).toEqual([
      'givenNames',
      'familyNames',
      'dateOfBirth',
      'photo',
      'familyContacts',
      'notes',
    ]);
    expect(identifyingFieldsOf('identity')).toEqual(['givenNames', 'familyNames', 'dateOfBirth', 'photo']);
    expect(identifyingFieldsOf('family')).toEqual(['familyContacts']);
    expect(identifyingFieldsOf('narrative')).toEqual(['notes']);
    expect(identifyingFieldsOf('indicators')).toEqual([]);
    expect(Object.keys(IDENTIFYING_FIELD_CATEGORY)).toEqual([...CHILD_IDENTIFYING_FIELDS]);
  });
});

describe('RegisterCase', () => {
  it('opens the case with the indicators in clear and the identifying data encrypted', () => {
    given(caseDecider)
      .when(commands.register(), NOW)
      .then({
        type: 'CaseRegistered',
        data: {
          caseId: CASE_ID,
          country: 'HN',
          institutionId: 'HN-DINAF',
          indicators: indicators(),
          identifying: identifying(),
          registeredAt: AT,
          registeredBy: BY,
        },
      });
    const state = given(caseDecider, ...registered).state;
    expect(state).toMatchObject({
      status: 'open',
      caseId: CASE_ID,
      country: 'HN',
      institutionId: 'HN-DINAF',
    });
    expect(state.identifying?.subject).toBe(SUBJECT);
  });

  it('refuses a second registration (409)', () => {
    expect(
      given(caseDecider, ...registered)
        .when(commands.register(), NOW)
        .thenThrows('referral.case.already_registered'),
    ).toBeInstanceOf(ConflictError);
  });

  it.each([
    ['a country other than the id prefix', { country: 'GT' as const }, 'referral.case.country_mismatch'],
    [
      'a handling institution of another country',
      { institutionId: 'GT-SBS' },
      'referral.case.institution_country_mismatch',
    ],
    [
      'an institution not in the directory',
      { institutionId: 'HN-NOWHERE' },
      'referral.case.unknown_institution',
    ],
    [
      'invalid indicators',
      { indicators: indicators({ ageBand: '18+' as never }) },
      'referral.case.invalid_indicators',
    ],
    [
      'a detection in the future',
      { indicators: indicators({ detectedOn: '2020-07-01' }) },
      'referral.case.invalid_indicators',
    ],
    ['no directory lookup', { directory: undefined as never }, 'referral.case.directory_required'],
    ['a malformed case id', { caseId: 'HN-42' }, 'referral.case.invalid_id'],
  ])('refuses %s (422)', (_what, over, code) => {
    expect(given(caseDecider).when(commands.register(over), NOW).thenThrows(code)).toBeInstanceOf(
      ValidationError,
    );
  });

  it('refuses a deactivated handling institution (409)', () => {
    given(caseDecider)
      .when(commands.register({ institutionId: 'HN-CLOSED' }), NOW)
      .thenThrows('referral.case.institution_deactivated');
  });

  it.each([
    ['plaintext names', { subject: SUBJECT, fields: { givenNames: 'José' } }, 'not encrypted'],
    [
      'a field that is not identifying',
      { subject: SUBJECT, fields: { nickname: fakeCiphertext('x') } },
      'unexpected fields',
    ],
    [
      'data encrypted under another subject',
      { ...identifying(), subject: 'child-GT-1' },
      'encrypted for subject',
    ],
    ['a bare object', { givenNames: fakeCiphertext('x') }, '{ subject, fields }'],
  ])('refuses %s as identifying data (422)', (_what, record, message) => {
    const error = given(caseDecider)
      .when(commands.register({ identifying: record as never }), NOW)
      .thenThrows('referral.case.invalid_identifying_data');
    expect(error.text.en).toContain(message);
  });

  it('accepts a case with no known identifying field (an infant found alone)', () => {
    expect(
      given(caseDecider).when(commands.register({ identifying: identifying([]) }), NOW).events,
    ).toHaveLength(1);
  });
});

describe('UpdateIndicators', () => {
  it('records the new set and names the indicators that changed (a removed optional one too)', () => {
    const { ageYears: _, ...withoutAge } = indicators({ detectionPlaceType: 'shelter' });
    given(caseDecider, ...registered)
      .when({ type: 'UpdateIndicators', caseId: CASE_ID, indicators: withoutAge }, NOW)
      .then({
        type: 'IndicatorsUpdated',
        data: {
          caseId: CASE_ID,
          indicators: withoutAge,
          changed: ['ageYears', 'detectionPlaceType'],
          updatedAt: AT,
          updatedBy: BY,
        },
      });
  });

  it('the same indicators (in another order) record nothing', () => {
    given(caseDecider, ...registered)
      .when(
        {
          type: 'UpdateIndicators',
          caseId: CASE_ID,
          indicators: indicators({ reasonsForMigrating: ['family_reunification', 'violence'] }),
        },
        NOW,
      )
      .thenNothingHappened();
  });

  it('refuses invalid indicators (422), a case not registered (404), a closed case (409), another case (422)', () => {
    const update = { type: 'UpdateIndicators', caseId: CASE_ID, indicators: indicators() } as const;
    given(caseDecider, ...registered)
      .when({ ...update, indicators: indicators({ sex: 'boy' as never }) }, NOW)
      .thenThrows('referral.case.invalid_indicators');
    expect(given(caseDecider).when(update, NOW).thenThrows('referral.case.not_registered')).toBeInstanceOf(
      NotFoundError,
    );
    expect(
      given(caseDecider, ...closed)
        .when(update, NOW)
        .thenThrows('referral.case.closed'),
    ).toBeInstanceOf(ConflictError);
    given(caseDecider, ...registered)
      .when({ ...update, caseId: 'HN-00000000-0000-4000-8000-000000000000' }, NOW)
      .thenThrows('referral.case.case_mismatch');
  });
});

describe('CorrectIdentifyingData', () => {
  const correct = (
    fields: Parameters<typeof identifying>[0],
    remove?: Array<(typeof CHILD_IDENTIFYING_FIELDS)[number]>,
  ) =>
    ({ type: 'CorrectIdentifyingData', caseId: CASE_ID, identifying: identifying(fields), remove }) as const;
  const photo = { subject: SUBJECT, fields: { photo: fakeCiphertext('new photo') } };

  it('sets the new fields (ciphertexts) and removes the listed ones', () => {
    const then = given(caseDecider, ...registered)
      .when({ type: 'CorrectIdentifyingData', caseId: CASE_ID, identifying: photo, remove: ['notes'] }, NOW)
      .then({
        type: 'IdentifyingDataCorrected',
        data: { caseId: CASE_ID, identifying: photo, removed: ['notes'], correctedAt: AT, correctedBy: BY },
      });
    expect(Object.keys(then.state.identifying?.fields ?? {})).toEqual([
      'givenNames',
      'familyNames',
      'dateOfBirth',
      'familyContacts',
      'photo',
    ]);
  });

  it('the same ciphertexts, or removing absent fields, record nothing', () => {
    given(caseDecider, ...registered)
      .when(correct(['givenNames']), NOW)
      .thenNothingHappened();
    given(caseDecider, ...registered)
      .when(correct([], ['photo']), NOW)
      .thenNothingHappened();
  });

  it('is allowed on a closed case (rectification is always a right)', () => {
    expect(given(caseDecider, ...closed).when(correct([], ['notes']), NOW).events).toHaveLength(1);
  });

  it('refuses setting and removing the same field, an unknown field to remove, or plaintext (422)', () => {
    given(caseDecider, ...registered)
      .when(correct(['notes'], ['notes']), NOW)
      .thenThrows('referral.case.invalid_identifying_data');
    given(caseDecider, ...registered)
      .when(correct([], ['age' as never]), NOW)
      .thenThrows('referral.case.invalid_identifying_data');
    given(caseDecider, ...registered)
      .when(
        {
          type: 'CorrectIdentifyingData',
          caseId: CASE_ID,
          identifying: { subject: SUBJECT, fields: { notes: 'x' as never } },
        },
        NOW,
      )
      .thenThrows('referral.case.invalid_identifying_data');
  });
});

describe('CloseCase', () => {
  it('closes with an outcome; the same close again records nothing', () => {
    const then = given(caseDecider, ...registered)
      .when(commands.close(), NOW)
      .then({
        type: 'CaseClosed',
        data: { caseId: CASE_ID, outcome: 'family_reunification', closedAt: AT, closedBy: BY },
      });
    expect(then.state.status).toBe('closed');
    given(caseDecider, ...closed)
      .when(commands.close(), NOW)
      .thenNothingHappened();
  });

  it('refuses another outcome once closed (409), an unknown outcome (422), a case not registered (404)', () => {
    given(caseDecider, ...closed)
      .when(commands.close('deceased' as never), NOW)
      .thenThrows('referral.case.closed');
    given(caseDecider, ...registered)
      .when(commands.close('solved' as never), NOW)
      .thenThrows('referral.case.invalid_closure_outcome');
    given(caseDecider).when(commands.close(), NOW).thenThrows('referral.case.not_registered');
  });

  it('a closed case takes no new interview, assessment or consent (409)', () => {
    for (const command of [commands.interview('i1'), commands.assessment('bia-1'), commands.consent('c1')]) {
      given(caseDecider, ...closed)
        .when(command, NOW)
        .thenThrows('referral.case.closed');
    }
  });

  it('refuses an unknown command (422)', () => {
    given(caseDecider, ...registered)
      .when({ type: 'ReopenCase', caseId: CASE_ID } as never, NOW)
      .thenThrows('referral.case.unknown_command');
  });
});

describe('events never carry plaintext identifying data', () => {
  it('every identifying value in every event is a ciphertext object', () => {
    const events: CaseEvent[] = history(
      commands.register(),
      { type: 'CorrectIdentifyingData', caseId: CASE_ID, identifying: identifying(['photo']) },
      commands.assessment('bia-1'),
    );
    for (const event of events) {
      const record =
        event.type === 'CaseRegistered' || event.type === 'IdentifyingDataCorrected'
          ? event.data.identifying
          : event.type === 'BestInterestsRecorded'
            ? event.data.recommendations
            : null;
      expect(record?.subject).toBe(SUBJECT);
      for (const value of Object.values(record?.fields ?? {}))
        expect(value).toMatchObject({ v: 1, ct: expect.any(String) });
    }
  });
});
