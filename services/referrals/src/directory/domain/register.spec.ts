import { given } from '@crm/decider';
import { ConflictError, ValidationError } from '@crm/kernel';
import { institutionDecider } from './decider';
import type { InstitutionEvent } from './events';
import { focalPointSubject } from './focal-point';
import { INSTITUTION_ID_PATTERN, institutionCountry, isInstitutionId } from './institution-id';
import { institutionStreamName, parseInstitutionStreamName } from './stream';
import { fakeCiphertext, focalPoint, NOW, register } from './test-support';

const registered: InstitutionEvent = {
  type: 'InstitutionRegistered',
  data: {
    institutionId: 'HN-DINAF',
    version: 1,
    country: 'HN',
    kind: 'child_protection',
    name: {
      es: 'Dirección de Niñez, Adolescencia y Familia',
      en: 'Directorate for Children, Adolescents and Family',
    },
    intake: focalPoint('fp-ana', ['es', 'en']),
    backup: focalPoint('fp-luis'),
    verifiedOn: '2020-06-01',
    registeredAt: '2020-06-30T12:00:00.000Z',
    registeredBy: 'official-hn',
  },
};

describe('institution ids and streams', () => {
  it('an id is its member country, a dash and 2 to 40 capitals, digits or dashes', () => {
    expect(isInstitutionId('HN-DINAF')).toBe(true);
    expect(isInstitutionId('MX-DIF-CHIAPAS')).toBe(true);
    expect(institutionCountry('GT-SBS')).toBe('GT');
    for (const bad of [
      'HN-D',
      'hn-DINAF',
      'HN-dinaf',
      'XX-DINAF',
      'ST-CRM',
      'HNDINAF',
      `HN-${'A'.repeat(41)}`,
      7,
    ]) {
      expect(isInstitutionId(bad)).toBe(false);
    }
    expect(INSTITUTION_ID_PATTERN.test(`HN-${'A'.repeat(40)}`)).toBe(true);
  });

  it('names one stream per institution and reads the id back', () => {
    expect(institutionStreamName('HN-DINAF')).toBe('referralInstitution-HN-DINAF');
    expect(parseInstitutionStreamName('referralInstitution-HN-DINAF')).toBe('HN-DINAF');
    expect(parseInstitutionStreamName('referralCase-HN-DINAF')).toBeNull();
    expect(parseInstitutionStreamName('referralInstitution-hn')).toBeNull();
    expect(() => institutionStreamName('DINAF')).toThrow(ValidationError);
  });
});

describe('RegisterInstitution', () => {
  it('records the entry as version 1, focal points encrypted, and the state is active', () => {
    const then = given(institutionDecider).when(register(), NOW).then(registered);
    expect(then.state.status).toBe('active');
    expect(then.state.version).toBe(1);
    expect(then.state.entry?.intake.contact.subject).toBe(focalPointSubject('fp-ana'));
  });

  it('trims the names and keeps each language once', () => {
    const { events } = given(institutionDecider).when(
      register({
        name: { es: '  DINAF ', en: ' DINAF  ' },
        intake: { ...focalPoint('fp-ana'), languages: ['es', 'es', 'en'] },
      }),
      NOW,
    );
    const data = (events[0] as Extract<InstitutionEvent, { type: 'InstitutionRegistered' }>).data;
    expect(data.name).toEqual({ es: 'DINAF', en: 'DINAF' });
    expect(data.intake.languages).toEqual(['es', 'en']);
  });

  it('refuses a second registration of the same institution (409)', () => {
    const error = given(institutionDecider, registered)
      .when(register(), NOW)
      .thenThrows('referral.institution.already_registered');
    expect(error).toBeInstanceOf(ConflictError);
  });

  it.each([
    ['an id of another country', { institutionId: 'GT-SBS' }, 'referral.institution.country_prefix_mismatch'],
    ['a malformed id', { institutionId: 'HN_DINAF' }, 'referral.institution.invalid_id'],
    ['a country outside the network', { country: 'ST' as never }, 'referral.institution.invalid_country'],
    ['an unknown kind', { kind: 'ministry' as never }, 'referral.institution.unknown_kind'],
    ['a name in one language only', { name: { es: 'DINAF', en: ' ' } }, 'referral.institution.invalid_name'],
    [
      'a verification in the future',
      { verifiedOn: '2020-07-01' },
      'referral.institution.verification_in_future',
    ],
    ['an impossible date', { verifiedOn: '2020-02-30' }, 'referral.institution.invalid_verification_date'],
    [
      'the same person as intake and backup',
      { backup: focalPoint('fp-ana') },
      'referral.institution.same_focal_point',
    ],
  ])('refuses %s (422)', (_what, over, code) => {
    const error = given(institutionDecider).when(register(over), NOW).thenThrows(code);
    expect(error).toBeInstanceOf(ValidationError);
  });

  it('accepts a verification dated today in UTC (every member country is west of Greenwich)', () => {
    expect(given(institutionDecider).when(register({ verifiedOn: '2020-06-30' }), NOW).events).toHaveLength(
      1,
    );
  });

  describe('focal points', () => {
    const contact = (fields: Record<string, unknown>, subject = focalPointSubject('fp-ana')) => ({
      ...focalPoint('fp-ana'),
      contact: { subject, fields } as never,
    });

    it.each([
      ['a plaintext name', contact({ name: 'Ana Pérez', email: fakeCiphertext('e') }), 'not encrypted'],
      [
        'a field outside name, email, phone',
        contact({ name: fakeCiphertext('n'), address: fakeCiphertext('a'), phone: fakeCiphertext('p') }),
        'unexpected fields',
      ],
      ['no name', contact({ email: fakeCiphertext('e') }), 'missing'],
      ['neither email nor phone', contact({ name: fakeCiphertext('n') }), 'at least one of'],
      [
        'a contact encrypted under another subject',
        contact({ name: fakeCiphertext('n'), email: fakeCiphertext('e') }, 'child-HN-1'),
        'encrypted for subject',
      ],
      ['no languages', { ...focalPoint('fp-ana'), languages: [] }, 'working languages'],
      [
        'a language that is not an ISO 639 code',
        { ...focalPoint('fp-ana'), languages: ['Spanish'] },
        'working languages',
      ],
      ['an invalid id', { ...focalPoint('fp-ana'), focalPointId: 'fp ana' }, 'id of the intake'],
    ])('refuses %s (422)', (_what, intake, message) => {
      const error = given(institutionDecider)
        .when(register({ intake: intake as never }), NOW)
        .thenThrows('referral.institution.invalid_focal_point');
      expect(error.text.en).toContain(message);
    });

    it('accepts a contact with a phone and no email', () => {
      const intake = contact({ name: fakeCiphertext('n'), phone: fakeCiphertext('p') });
      expect(given(institutionDecider).when(register({ intake }), NOW).events).toHaveLength(1);
    });
  });
});
