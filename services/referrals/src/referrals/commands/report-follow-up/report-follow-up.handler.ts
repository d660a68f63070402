import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { PersonalDataProtector } from '@crm/pii';
import { COMMAND_DEPS, PERSONAL_DATA, type CommandDeps } from '@crm/service-kit';
import { actOnReferral } from '../../referral-command';
import { protectNote } from '../../referral-note';
import type { ReferralView } from '../../referral-view';
import { ReportFollowUpCommand } from './report-follow-up.command';

/** Load, authorise, encrypt the note under the referral's child, then the decider. */
@CommandHandler(ReportFollowUpCommand)
export class ReportFollowUpHandler implements ICommandHandler<ReportFollowUpCommand> {
  constructor(
    @Inject(COMMAND_DEPS) private readonly deps: CommandDeps,
    @Inject(PERSONAL_DATA) private readonly protector: PersonalDataProtector,
  ) {}

  execute({ principal, input, options }: ReportFollowUpCommand): Promise<ReferralView> {
    return actOnReferral(this.deps, {
      principal,
      referralId: input.referralId,
      useCase: 'followUp',
      via: ReportFollowUpCommand.name,
      options,
      command: async ({ state }) => ({
        type: 'ReportFollowUp',
        referralId: input.referralId,
        followUpId: input.followUpId,
        services: input.services,
        status: input.status,
        note: await protectNote(this.protector, state.caseId!, input.note),
      }),
    });
  }
}
