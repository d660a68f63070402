import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { COMMAND_DEPS, type CommandDeps } from '@crm/service-kit';
import { systemCommandActor } from '../../../shared/system-actor';
import { appendToReferral } from '../../referral-command';
import type { ReferralView } from '../../referral-view';
import { RemindOverdueCommand } from './remind-overdue.command';

/**
 * RemindOverdue on `referral-<id>`: the domain records the reminder, or nothing for a timer that is stale,
 * early, already sent or on a closed referral (never an error for the state it finds).
 */
@CommandHandler(RemindOverdueCommand)
export class RemindOverdueHandler implements ICommandHandler<RemindOverdueCommand> {
  constructor(@Inject(COMMAND_DEPS) private readonly deps: CommandDeps) {}

  execute({ principal, input, options }: RemindOverdueCommand): Promise<ReferralView> {
    return appendToReferral(this.deps, {
      useCase: 'remindOverdue',
      actor: systemCommandActor(principal),
      options,
      command: { type: 'RemindOverdue', referralId: input.referralId, step: input.step, dueAt: input.dueAt },
    });
  }
}
