import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { COMMAND_DEPS, type CommandDeps } from '@crm/service-kit';
import { actOnReferral } from '../../referral-command';
import type { ReferralView } from '../../referral-view';
import { AcceptReferralCommand } from './accept-referral.command';

/** Load, authorise (policy row and institution), then the decider (status 409, side 403). */
@CommandHandler(AcceptReferralCommand)
export class AcceptReferralHandler implements ICommandHandler<AcceptReferralCommand> {
  constructor(@Inject(COMMAND_DEPS) private readonly deps: CommandDeps) {}

  execute({ principal, input, options }: AcceptReferralCommand): Promise<ReferralView> {
    return actOnReferral(this.deps, {
      principal,
      referralId: input.referralId,
      useCase: 'accept',
      via: AcceptReferralCommand.name,
      options,
      command: () => ({ type: 'AcceptReferral', referralId: input.referralId }),
    });
  }
}
