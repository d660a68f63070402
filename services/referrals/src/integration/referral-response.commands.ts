import type { ReferralResponseRequestedV1 } from '@crm/contracts';
import { AcceptReferralCommand } from '../referrals/commands/accept-referral/accept-referral.command';
import { AcknowledgeConsentWithdrawalCommand } from '../referrals/commands/acknowledge-consent-withdrawal/acknowledge-consent-withdrawal.command';
import { AcknowledgeReferralCommand } from '../referrals/commands/acknowledge-referral/acknowledge-referral.command';
import { CloseReferralCommand } from '../referrals/commands/close-referral/close-referral.command';
import { DeclineReferralCommand } from '../referrals/commands/decline-referral/decline-referral.command';
import { ReportFollowUpCommand } from '../referrals/commands/report-follow-up/report-follow-up.command';
import type { ResponseCommands } from './referral-response.inbound';

/** A field the schema requires for this action (`allOf` of the contract): its absence is a wiring error. */
function required<T>(value: T | undefined, action: string, field: keyof ReferralResponseRequestedV1): T {
  if (value === undefined)
    throw new Error(`referrals gateway: "${action}" without ${field} passed the schema`);
  return value;
}

/**
 * The use case of each action a national system may send on `crm.<C>.in.referrals`: the same commands the
 * HTTP controllers dispatch (so the same authorisation, side and status rules), never with a note (the
 * contract has no free text; a note is written over HTTPS).
 */
export const RESPONSE_COMMANDS: ResponseCommands = {
  acknowledge: (principal, r, options) =>
    new AcknowledgeReferralCommand(principal, { referralId: r.referralId }, options),
  accept: (principal, r, options) =>
    new AcceptReferralCommand(principal, { referralId: r.referralId }, options),
  decline: (principal, r, options) =>
    new DeclineReferralCommand(
      principal,
      { referralId: r.referralId, reason: required(r.declineReason, r.action, 'declineReason') },
      options,
    ),
  update: (principal, r, options) => {
    const followUp = required(r.followUp, r.action, 'followUp');
    return new ReportFollowUpCommand(
      principal,
      {
        referralId: r.referralId,
        followUpId: followUp.followUpId,
        services: followUp.services,
        status: followUp.status,
      },
      options,
    );
  },
  close: (principal, r, options) =>
    new CloseReferralCommand(
      principal,
      { referralId: r.referralId, outcome: required(r.outcome, r.action, 'outcome') },
      options,
    ),
  acknowledge_withdrawal: (principal, r, options) =>
    new AcknowledgeConsentWithdrawalCommand(principal, { referralId: r.referralId }, options),
};
