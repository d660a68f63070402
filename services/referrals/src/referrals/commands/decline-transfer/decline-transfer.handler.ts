import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { PersonalDataProtector } from '@crm/pii';
import { COMMAND_DEPS, PERSONAL_DATA, type CommandDeps } from '@crm/service-kit';
import { actOnReferral } from '../../referral-command';
import { protectNote } from '../../referral-note';
import type { ReferralView } from '../../referral-view';
import { DeclineTransferCommand } from './decline-transfer.command';

/** Load, authorise (the transferee's institution), encrypt the note under the referral's child, then the decider. */
@CommandHandler(DeclineTransferCommand)
export class DeclineTransferHandler implements ICommandHandler<DeclineTransferCommand> {
  constructor(
    @Inject(COMMAND_DEPS) private readonly deps: CommandDeps,
    @Inject(PERSONAL_DATA) private readonly protector: PersonalDataProtector,
  ) {}

  execute({ principal, input, options }: DeclineTransferCommand): Promise<ReferralView> {
    return actOnReferral(this.deps, {
      principal,
      referralId: input.referralId,
      useCase: 'declineTransfer',
      via: DeclineTransferCommand.name,
      options,
      command: async ({ state }) => ({
        type: 'DeclineTransfer',
        referralId: input.referralId,
        transferId: input.transferId,
        reason: input.reason,
        note: await protectNote(this.protector, state.caseId!, input.note),
      }),
    });
  }
}
