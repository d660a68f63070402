import type { Decider } from '@crm/decider';
import type { ReferralCommand } from './commands';
import { decideReferral } from './decide';
import type { ReferralEvent } from './events';
import { evolveReferral, initialReferralState, type ReferralState } from './state';

/**
 * The decider of one `referral-<referralId>` stream (`referralStreamName(referralId)`); the decider re-checks
 * that the command's referral is the stream's once the stream exists.
 */
export const referralDecider: Decider<ReferralCommand, ReferralEvent, ReferralState> = {
  decide: decideReferral,
  evolve: evolveReferral,
  initialState: initialReferralState,
};
