import { isCountryCode, isJurisdiction, MEMBER_COUNTRIES } from './countries';

describe('member countries', () => {
  it('are the eleven CRM members', () => {
    expect([...MEMBER_COUNTRIES].sort()).toEqual([
      'BZ',
      'CA',
      'CR',
      'DO',
      'GT',
      'HN',
      'MX',
      'NI',
      'PA',
      'SV',
      'US',
    ]);
  });
  it('accepts members and the Secretariat, rejects others', () => {
    expect(isCountryCode('HN')).toBe(true);
    expect(isCountryCode('AR')).toBe(false);
    expect(isCountryCode('ST')).toBe(false);
    expect(isJurisdiction('ST')).toBe(true);
  });
});
