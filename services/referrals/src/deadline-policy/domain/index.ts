/**
 * The per-country-pair deadline policy. Its type, defaults and `deadlinesFor` live with the referral
 * (`../../referrals/domain/deadlines.ts`), exported from that barrel only.
 */
export * from './commands';
export * from './decide';
export * from './decider';
export * from './events';
export * from './state';
export * from './stream';
