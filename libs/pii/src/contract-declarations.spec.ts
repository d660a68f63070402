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
import { createLogger, personalFieldsOf } from './index';
import { captureLog } from './testing/log-capture';

describe('contracts/src/personal-data.ts is the source of the integration contracts personal fields', () => {
  it('registers every contract key of PERSONAL_DATA_FIELDS in the pii registry when @crm/pii is loaded', () => {
    for (const [key, fields] of Object.entries(PERSONAL_DATA_FIELDS))
      expect(personalFieldsOf(key)).toEqual(fields);
    expect(personalFieldsOf('test.case.referred.v1')).toEqual(['guardian.phone', 'child.placeOfBirth']);
  });

  it('a field declared for a contract is redacted by the logger, without a second declaration', async () => {
    const { lines, stream: destination } = captureLog();
    const log = createLogger('relay', { destination });
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
});
