import { institutionIdOf } from './institution-of';

describe('institutionIdOf', () => {
  it.each([
    [{ country: 'HN', institution: 'HN/DINAF' }, 'HN-DINAF'],
    [{ country: 'MX', institution: 'MX/DIF-NACIONAL' }, 'MX-DIF-NACIONAL'],
    [{ country: 'HN', institution: 'GT/PGN' }, null],
    [{ country: 'ST', institution: 'ST-CRM' }, null],
    [{ country: null, institution: 'UNICEF' }, null],
    [{ country: 'HN', institution: 'HN/dinaf' }, null],
  ] as const)('%j → %s', (principal, expected) => {
    expect(institutionIdOf(principal)).toBe(expected);
  });
});
