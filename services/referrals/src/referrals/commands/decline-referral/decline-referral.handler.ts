import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { PersonalDataProtector } from '@crm/pii';
import { COMMAND_DEPS, PERSONAL_DATA, type CommandDeps } from '@crm/service-kit';
import { actOnReferral } from '../../referral-command';
import { protectNote } from '../../referral-note';
import type { ReferralView } from '../../referral-view';
import { DeclineReferralCommand } from './decline-referral.command';

/** Load, authorise, encrypt the note under the referral's child, then the decider. */
@CommandHandler(DeclineReferralCommand)
export class DeclineReferralHandler implements ICommandHandler<DeclineReferralCommand> {
  constructor(
    @Inject(COMMAND_DEPS) private readonly deps: CommandDeps,
    @Inject(PERSONAL_DATA) private readonly protector: PersonalDataProtector,
  ) {}

  execute({ principal, input, options }: DeclineReferralCommand): Promise<ReferralView> {
    return actOnReferral(this.deps, {
      principal,
      referralId: input.referralId,
      useCase: 'decline',
      via: DeclineReferralCommand.name,
      options,
      command: async ({ state }) => ({
        type: 'DeclineReferral',
        referralId: input.referralId,
        reason: input.reason,
        note: await protectNote(this.protector, state.caseId!, input.note),
      }),
    });
  }
}
