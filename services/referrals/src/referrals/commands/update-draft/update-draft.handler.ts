import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { COMMAND_DEPS, type CommandDeps } from '@crm/service-kit';
import { validInstitution } from '../../domain/validation';
import { actOnReferral } from '../../referral-command';
import { requireTargetInstitution } from '../../referral-targets';
import type { ReferralView } from '../../referral-view';
import { UpdateDraftCommand } from './update-draft.command';

/** Load, authorise, a new receiving institution active in the directory and of `to.country`, then the decider. */
@CommandHandler(UpdateDraftCommand)
export class UpdateDraftHandler implements ICommandHandler<UpdateDraftCommand> {
  constructor(@Inject(COMMAND_DEPS) private readonly deps: CommandDeps) {}

  execute({ principal, input, options }: UpdateDraftCommand): Promise<ReferralView> {
    return actOnReferral(this.deps, {
      principal,
      referralId: input.referralId,
      useCase: 'updateDraft',
      via: UpdateDraftCommand.name,
      options,
      command: async () => {
        const to = input.to === undefined ? undefined : validInstitution(input.to, 'to');
        if (to) await requireTargetInstitution(this.deps.store, to, 'to');
        return {
          type: 'UpdateDraft',
          referralId: input.referralId,
          ...(to ? { to } : {}),
          ...(input.servicesRequested ? { servicesRequested: input.servicesRequested } : {}),
          ...(input.categories ? { categories: input.categories } : {}),
          ...(input.urgency ? { urgency: input.urgency } : {}),
        };
      },
    });
  }
}
