import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { COMMAND_DEPS, type CommandDeps } from '@crm/service-kit';
import { actOnReferral } from '../../referral-command';
import type { ReferralView } from '../../referral-view';
import { AcceptTransferCommand } from './accept-transfer.command';

/** Load, authorise (the transferee's institution), then the decider (that transfer pending, no withdrawal). */
@CommandHandler(AcceptTransferCommand)
export class AcceptTransferHandler implements ICommandHandler<AcceptTransferCommand> {
  constructor(@Inject(COMMAND_DEPS) private readonly deps: CommandDeps) {}

  execute({ principal, input, options }: AcceptTransferCommand): Promise<ReferralView> {
    return actOnReferral(this.deps, {
      principal,
      referralId: input.referralId,
      useCase: 'acceptTransfer',
      via: AcceptTransferCommand.name,
      options,
      command: () => ({ type: 'AcceptTransfer', referralId: input.referralId, transferId: input.transferId }),
    });
  }
}
