// Test support of the referral service for tests outside it (`@crm/referrals/testing`).
export * from './test-children';
export { indicators } from '../cases/domain/test-support';
export { consentScope, NOW } from '../referrals/testing/seed';
export { ConsentProcessModule } from '../consent-process/consent-process.module';
export { EscalationModule } from '../escalation/escalation.module';
export { ReferralReadModelsModule } from '../read-models/read-models.module';
