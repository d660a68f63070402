import { Module, type DynamicModule } from '@nestjs/common';
import { integerFrom } from '@crm/service-kit';
import { DEFAULT_INTERVIEW_THRESHOLD } from '../cases/domain';

/**
 * The referral service's own settings, read from its environment once at start (an invalid value stops it
 * with an es/en message naming the variable):
 * - `REFERRALS_INTERVIEW_WARNING_THRESHOLD` (1–100, default 3): from this many recorded interviews the
 *   recipient's disclosed view warns before interviewing the child again (re-victimisation, plan VI.1.1.4).
 */
export interface ReferralSettings {
  interviewWarningThreshold: number;
}

export const REFERRAL_SETTINGS = Symbol('referrals.ReferralSettings');
export const INTERVIEW_THRESHOLD_VARIABLE = 'REFERRALS_INTERVIEW_WARNING_THRESHOLD';

export const DEFAULT_REFERRAL_SETTINGS: Readonly<ReferralSettings> = Object.freeze({
  interviewWarningThreshold: DEFAULT_INTERVIEW_THRESHOLD,
});

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

/** Provides `REFERRAL_SETTINGS` to the whole application (handlers fall back to the defaults without it). */
@Module({})
export class ReferralSettingsModule {
  static fromEnv(env: NodeJS.ProcessEnv): DynamicModule {
    return ReferralSettingsModule.of(referralSettingsFrom(env));
  }

  static of(settings: ReferralSettings): DynamicModule {
    return {
      module: ReferralSettingsModule,
      global: true,
      providers: [{ provide: REFERRAL_SETTINGS, useValue: settings }],
      exports: [REFERRAL_SETTINGS],
    };
  }
}
