// The referral service's definition, its policy and its shared vocabulary.
export * from './bootstrap';
export { REFERRALS_POLICY, type ReferralsOperation } from './referrals.policy';
export * from './shared/vocabulary';
export * from './directory/domain';
export * from './cases/domain';
