import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { COMMAND_DEPS, type CommandDeps } from '@crm/service-kit';
import { systemCommandActor } from '../../../shared/system-actor';
import { appendToReferral } from '../../referral-command';
import type { ReferralView } from '../../referral-view';
import { EscalateOverdueCommand } from './escalate-overdue.command';

/**
 * EscalateOverdue on `referral-<id>`: the domain records the escalation, or nothing for a timer that is stale,
 * early, already escalated to that level or on a closed referral (never an error for the state it finds).
 */
@CommandHandler(EscalateOverdueCommand)
export class EscalateOverdueHandler implements ICommandHandler<EscalateOverdueCommand> {
  constructor(@Inject(COMMAND_DEPS) private readonly deps: CommandDeps) {}

  execute({ principal, input, options }: EscalateOverdueCommand): Promise<ReferralView> {
    return appendToReferral(this.deps, {
      useCase: 'escalateOverdue',
      actor: systemCommandActor(principal),
      options,
      command: {
        type: 'EscalateOverdue',
        referralId: input.referralId,
        step: input.step,
        dueAt: input.dueAt,
      },
    });
  }
}
