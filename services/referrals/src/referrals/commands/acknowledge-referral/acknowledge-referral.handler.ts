import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { COMMAND_DEPS, type CommandDeps } from '@crm/service-kit';
import { actOnReferral } from '../../referral-command';
import type { ReferralView } from '../../referral-view';
import { AcknowledgeReferralCommand } from './acknowledge-referral.command';

/** Load, authorise (policy row and institution), then the decider (status 409, side 403). */
@CommandHandler(AcknowledgeReferralCommand)
export class AcknowledgeReferralHandler implements ICommandHandler<AcknowledgeReferralCommand> {
  constructor(@Inject(COMMAND_DEPS) private readonly deps: CommandDeps) {}

  execute({ principal, input, options }: AcknowledgeReferralCommand): Promise<ReferralView> {
    return actOnReferral(this.deps, {
      principal,
      referralId: input.referralId,
      useCase: 'acknowledge',
      via: AcknowledgeReferralCommand.name,
      options,
      command: () => ({ type: 'AcknowledgeReferral', referralId: input.referralId }),
    });
  }
}
