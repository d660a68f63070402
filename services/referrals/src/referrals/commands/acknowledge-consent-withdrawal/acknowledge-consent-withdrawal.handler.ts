import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { COMMAND_DEPS, type CommandDeps } from '@crm/service-kit';
import { actOnReferral } from '../../referral-command';
import type { ReferralView } from '../../referral-view';
import { AcknowledgeConsentWithdrawalCommand } from './acknowledge-consent-withdrawal.command';

/** Load, authorise (policy row and institution), then the decider (status 409, side 403). */
@CommandHandler(AcknowledgeConsentWithdrawalCommand)
export class AcknowledgeConsentWithdrawalHandler implements ICommandHandler<AcknowledgeConsentWithdrawalCommand> {
  constructor(@Inject(COMMAND_DEPS) private readonly deps: CommandDeps) {}

  execute({ principal, input, options }: AcknowledgeConsentWithdrawalCommand): Promise<ReferralView> {
    return actOnReferral(this.deps, {
      principal,
      referralId: input.referralId,
      useCase: 'acknowledgeConsentWithdrawal',
      via: AcknowledgeConsentWithdrawalCommand.name,
      options,
      command: () => ({ type: 'AcknowledgeConsentWithdrawal', referralId: input.referralId }),
    });
  }
}
