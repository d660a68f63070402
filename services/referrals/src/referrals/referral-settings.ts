import type { Provider } from '@nestjs/common';
import { integerFrom, SERVICE_ENV } from '@crm/service-kit';
import { DEFAULT_INTERVIEW_THRESHOLD } from '../cases/domain';

/**
 * The referral lifecycle's own settings, from the service's environment (checked at start by the service
 * definition's `checkEnvironment`: an invalid value stops it with an es/en message naming the variable):
 * - `REFERRALS_INTERVIEW_WARNING_THRESHOLD` (1–100, default 3): from this many recorded interviews the
 *   recipient's disclosed view warns before interviewing the child again (re-victimisation, plan VI.1.1.4).
 */
export interface ReferralSettings {
  interviewWarningThreshold: number;
}

export const REFERRAL_SETTINGS = Symbol('referrals.ReferralSettings');
export const INTERVIEW_THRESHOLD_VARIABLE = 'REFERRALS_INTERVIEW_WARNING_THRESHOLD';

export function referralSettingsFrom(env: NodeJS.ProcessEnv): ReferralSettings {
  return {
    interviewWarningThreshold: integerFrom(
      env,
      INTERVIEW_THRESHOLD_VARIABLE,
      DEFAULT_INTERVIEW_THRESHOLD,
      1,
      100,
    ),
  };
}

/** `REFERRAL_SETTINGS` from the kit's SERVICE_ENV (none, e.g. a unit world without it: the defaults). */
export const referralSettingsProvider: Provider = {
  provide: REFERRAL_SETTINGS,
  inject: [{ token: SERVICE_ENV, optional: true }],
  useFactory: (env?: NodeJS.ProcessEnv) => referralSettingsFrom(env ?? {}),
};
