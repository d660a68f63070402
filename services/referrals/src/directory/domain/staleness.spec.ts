import { given } from '@crm/decider';
import { institutionDecider } from './decider';
import { staleSince } from './staleness';
import { NOW, register } from './test-support';

const registered = given(institutionDecider).when(register({ verifiedOn: '2020-01-01' }), NOW).events;
const active = given(institutionDecider, ...registered).state;

describe('staleSince', () => {
  it('is null while the last verification is at most maxAgeDays old', () => {
    expect(staleSince(active, '2020-01-01', 30)).toBeNull();
    expect(staleSince(active, '2020-01-31', 30)).toBeNull();
  });

  it('is the first stale day once today reaches it', () => {
    expect(staleSince(active, '2020-02-01', 30)).toBe('2020-02-01');
    expect(staleSince(active, '2020-06-30', 30)).toBe('2020-02-01');
    // 2020 is a leap year: 2021-01-01 is day 366 after 2020-01-01
    expect(staleSince(active, '2021-01-01', 366)).toBeNull();
    expect(staleSince(active, '2021-01-02', 366)).toBe('2021-01-02');
  });

  it('a new verification makes the entry fresh again', () => {
    const verified = given(institutionDecider, ...registered).when(
      { type: 'VerifyInstitution', institutionId: 'HN-DINAF', verifiedOn: '2020-06-15' },
      NOW,
    ).state;
    expect(staleSince(verified, '2020-06-30', 30)).toBeNull();
    expect(staleSince(verified, '2020-07-16', 30)).toBe('2020-07-16');
  });

  it('is null for an institution not registered or deactivated', () => {
    expect(staleSince(institutionDecider.initialState(), '2020-06-30', 30)).toBeNull();
    const deactivated = given(institutionDecider, ...registered).when(
      { type: 'DeactivateInstitution', institutionId: 'HN-DINAF', reason: 'closed' },
      NOW,
    ).state;
    expect(staleSince(deactivated, '2020-06-30', 30)).toBeNull();
  });

  it('refuses a maximum age that is not a positive integer, or a malformed today (422)', () => {
    expect(() => staleSince(active, '2020-06-30', 0)).toThrow(/positive integer/);
    expect(() => staleSince(active, '2020-06-30', 1.5)).toThrow(/positive integer/);
    expect(() => staleSince(active, '30/06/2020', 30)).toThrow(/YYYY-MM-DD/);
  });
});
