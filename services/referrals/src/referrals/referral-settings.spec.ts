import { REFERRALS_SERVICE } from '../bootstrap';
import { INTERVIEW_THRESHOLD_VARIABLE, referralSettingsFrom } from './referral-settings';

describe('referral settings (REFERRALS_INTERVIEW_WARNING_THRESHOLD)', () => {
  it('defaults to 3 and reads a whole number from 1 to 100', () => {
    expect(referralSettingsFrom({})).toEqual({ interviewWarningThreshold: 3 });
    expect(referralSettingsFrom({ [INTERVIEW_THRESHOLD_VARIABLE]: '5' })).toEqual({
      interviewWarningThreshold: 5,
    });
  });

  it.each(['0', '101', 'three', '2.5'])(
    'refuses %s with an es/en text naming the variable, at start',
    (value) => {
      const env = { [INTERVIEW_THRESHOLD_VARIABLE]: value };
      let error: any;
      try {
        REFERRALS_SERVICE.checkEnvironment!(env);
      } catch (e) {
        error = e;
      }
      expect(error).toMatchObject({
        code: 'config.invalid',
        details: { variable: INTERVIEW_THRESHOLD_VARIABLE },
      });
      expect(error.text.es).toMatch(/^REFERRALS_INTERVIEW_WARNING_THRESHOLD: /);
      expect(error.text.en).toMatch(/^REFERRALS_INTERVIEW_WARNING_THRESHOLD: /);
    },
  );
});
