export * from './referrals-integration';
export * from './referral-event-mapping';
export * from './referrals-relay';
export * from './referral-response.inbound';
