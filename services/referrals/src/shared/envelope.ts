import { commandEnvelopes } from '@crm/service-kit';

/** The envelopes of the referral service's commands: client keys scoped as `referrals.<useCase>:<stream>:<key>`. */
export const envelopeFor = commandEnvelopes('referrals');
