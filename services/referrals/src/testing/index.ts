// Test support of the referral service for tests outside it (`@crm/referrals/testing`).
export * from './test-children';
