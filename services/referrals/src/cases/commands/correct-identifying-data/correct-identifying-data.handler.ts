import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { PersonalDataProtector } from '@crm/pii';
import { COMMAND_DEPS, PERSONAL_DATA, type CommandDeps } from '@crm/service-kit';
import { appendToCase, authorizeCase, protectIdentifying } from '../../case-command';
import type { CaseView } from '../../case-view';
import type { ChildIdentifyingField } from '../../domain';
import { CorrectIdentifyingDataCommand } from './correct-identifying-data.command';

@CommandHandler(CorrectIdentifyingDataCommand)
export class CorrectIdentifyingDataHandler implements ICommandHandler<CorrectIdentifyingDataCommand> {
  constructor(
    @Inject(COMMAND_DEPS) private readonly deps: CommandDeps,
    @Inject(PERSONAL_DATA) private readonly protector: PersonalDataProtector,
  ) {}

  async execute({ principal, input, options }: CorrectIdentifyingDataCommand): Promise<CaseView> {
    const authorized = await authorizeCase(
      this.deps,
      principal,
      input.caseId,
      'referrals.case.update',
      CorrectIdentifyingDataCommand.name,
    );
    const identifying = await protectIdentifying(this.protector, authorized.caseId, input.identifying);
    return appendToCase(this.deps, {
      useCase: 'correctIdentifyingData',
      ...authorized,
      principal,
      options,
      command: {
        type: 'CorrectIdentifyingData',
        caseId: authorized.caseId,
        identifying,
        ...(input.remove !== undefined && { remove: input.remove as ChildIdentifyingField[] }),
      },
    });
  }
}
