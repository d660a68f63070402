import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { COMMAND_DEPS, type CommandDeps } from '@crm/service-kit';
import { appendToCase, authorizeCase } from '../../case-command';
import type { CaseView } from '../../case-view';
import type { CaseClosureOutcome } from '../../domain';
import { CloseCaseCommand } from './close-case.command';

@CommandHandler(CloseCaseCommand)
export class CloseCaseHandler implements ICommandHandler<CloseCaseCommand> {
  constructor(@Inject(COMMAND_DEPS) private readonly deps: CommandDeps) {}

  async execute({ principal, input, options }: CloseCaseCommand): Promise<CaseView> {
    const authorized = await authorizeCase(
      this.deps,
      principal,
      input.caseId,
      'referrals.case.update',
      CloseCaseCommand.name,
    );
    return appendToCase(this.deps, {
      useCase: 'closeCase',
      ...authorized,
      principal,
      options,
      command: { type: 'CloseCase', caseId: authorized.caseId, outcome: input.outcome as CaseClosureOutcome },
    });
  }
}
