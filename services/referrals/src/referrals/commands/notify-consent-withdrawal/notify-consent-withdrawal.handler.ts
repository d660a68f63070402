import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Actor } from '@crm/event-store';
import { SECRETARIAT } from '@crm/kernel';
import { COMMAND_DEPS, type CommandDeps } from '@crm/service-kit';
import { SYSTEM_ROLE, withdrawalDeadlineFor } from '../../domain';
import { effectiveDeadlinePolicy } from '../../readers/deadline-policy-reader';
import { loadReferral } from '../../referral-access';
import { appendToReferral } from '../../referral-command';
import type { ReferralView } from '../../referral-view';
import { NotifyConsentWithdrawalCommand } from './notify-consent-withdrawal.command';

/** The subject the consent process acts as (role `system`: the decider's system-only commands). */
export const CONSENT_PROCESS_SUBJECT = 'system|referrals-consent';
export const CONSENT_PROCESS_ACTOR: Actor = {
  subject: CONSENT_PROCESS_SUBJECT,
  role: SYSTEM_ROLE,
  country: SECRETARIAT,
};

/**
 * Loads the referral (404), computes `acknowledgeBy` from the pair's effective policy's withdrawal window, and
 * lets the decider record the notice, or nothing (another consent, an override, nothing still shared, a
 * repeat): idempotent whatever the number of deliveries.
 */
@CommandHandler(NotifyConsentWithdrawalCommand)
export class NotifyConsentWithdrawalHandler implements ICommandHandler<NotifyConsentWithdrawalCommand> {
  constructor(@Inject(COMMAND_DEPS) private readonly deps: CommandDeps) {}

  async execute({ input, options }: NotifyConsentWithdrawalCommand): Promise<ReferralView> {
    const { parties } = await loadReferral(this.deps.store, input.referralId);
    const policy = await effectiveDeadlinePolicy(this.deps.store, parties.from.country, parties.to.country);
    return appendToReferral(this.deps, {
      useCase: 'notifyConsentWithdrawal',
      actor: CONSENT_PROCESS_ACTOR,
      options,
      command: {
        type: 'NotifyConsentWithdrawal',
        referralId: input.referralId,
        consentId: input.consentId,
        categories: input.categories,
        acknowledgeBy: withdrawalDeadlineFor(policy, this.deps.clock()),
      },
    });
  }
}
