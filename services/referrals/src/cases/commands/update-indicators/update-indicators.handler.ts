import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { COMMAND_DEPS, type CommandDeps } from '@crm/service-kit';
import { appendToCase, authorizeCase } from '../../case-command';
import type { CaseView } from '../../case-view';
import type { CaseIndicators } from '../../domain';
import { UpdateIndicatorsCommand } from './update-indicators.command';

@CommandHandler(UpdateIndicatorsCommand)
export class UpdateIndicatorsHandler implements ICommandHandler<UpdateIndicatorsCommand> {
  constructor(@Inject(COMMAND_DEPS) private readonly deps: CommandDeps) {}

  async execute({ principal, input, options }: UpdateIndicatorsCommand): Promise<CaseView> {
    const authorized = await authorizeCase(
      this.deps,
      principal,
      input.caseId,
      'referrals.case.update',
      UpdateIndicatorsCommand.name,
    );
    return appendToCase(this.deps, {
      useCase: 'updateIndicators',
      ...authorized,
      principal,
      options,
      command: {
        type: 'UpdateIndicators',
        caseId: authorized.caseId,
        indicators: input.indicators as CaseIndicators,
      },
    });
  }
}
