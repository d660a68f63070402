// A contract with declared personal fields, as a referrals contract will have (the plan's contracts declare none).
jest.mock('@crm/contracts', () => {
  const actual = jest.requireActual('@crm/contracts');
  return {
    ...actual,
    PERSONAL_DATA_FIELDS: {
      ...actual.PERSONAL_DATA_FIELDS,
      'test.case.referred.v1': ['guardian.phone', 'child.placeOfBirth'],
    },
  };
});

import { PERSONAL_DATA_FIELDS } from '@crm/contracts';
import { createLogger, personalFieldsOf, registerPersonalDataDeclarations } from './index';
import { captureLog } from './testing/log-capture';

/**
 * What a process's start-up does (the service kit's bootstrap): the contracts' catalogue
 * (contracts/src/personal-data.ts, the one place a contract declares its personal fields) registered into the
 * pii registry, so the redacting logger hides those fields without a second declaration.
 */
describe('wiring the contracts personal-data declarations into the pii registry', () => {
  const { lines, stream: destination } = captureLog();
  // a logger created before the wiring ran still redacts what is registered later
  const log = createLogger('relay', { destination });

  beforeAll(() => {
    registerPersonalDataDeclarations(PERSONAL_DATA_FIELDS);
  });

  it('registers every contract key of PERSONAL_DATA_FIELDS', () => {
    for (const [key, fields] of Object.entries(PERSONAL_DATA_FIELDS))
      expect(personalFieldsOf(key)).toEqual(fields);
    expect(personalFieldsOf('test.case.referred.v1')).toEqual(['guardian.phone', 'child.placeOfBirth']);
  });

  it('a field declared for a contract is redacted by the logger, without a second declaration', async () => {
    log.warn(
      {
        message: {
          type: 'test.case.referred.v1',
          data: {
            guardian: { phone: '+504 9999 0001', relation: 'abuela' },
            child: { placeOfBirth: 'Choluteca' },
          },
        },
      },
      'publish retry',
    );
    await new Promise((r) => setImmediate(r));
    const out = lines.join('');
    expect(out).not.toContain('+504 9999 0001');
    expect(out).not.toContain('Choluteca');
    expect(out).toContain('abuela');
    expect(out).toContain('[REDACTED]');
  });

  it('registering the same catalogue again changes nothing; a conflicting declaration is refused', () => {
    expect(() => registerPersonalDataDeclarations(PERSONAL_DATA_FIELDS)).not.toThrow();
    expect(() => registerPersonalDataDeclarations({ 'test.case.referred.v1': ['guardian.phone'] })).toThrow(
      'already declared differently',
    );
  });
});
