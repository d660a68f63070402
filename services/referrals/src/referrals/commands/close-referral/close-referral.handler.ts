import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { COMMAND_DEPS, type CommandDeps } from '@crm/service-kit';
import { actOnReferral } from '../../referral-command';
import type { ReferralView } from '../../referral-view';
import { CloseReferralCommand } from './close-referral.command';

/** Load, authorise (policy row and institution), then the decider (status 409, side 403). */
@CommandHandler(CloseReferralCommand)
export class CloseReferralHandler implements ICommandHandler<CloseReferralCommand> {
  constructor(@Inject(COMMAND_DEPS) private readonly deps: CommandDeps) {}

  execute({ principal, input, options }: CloseReferralCommand): Promise<ReferralView> {
    return actOnReferral(this.deps, {
      principal,
      referralId: input.referralId,
      useCase: 'close',
      via: CloseReferralCommand.name,
      options,
      command: () => ({ type: 'CloseReferral', referralId: input.referralId, outcome: input.outcome }),
    });
  }
}
