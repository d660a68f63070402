import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { COMMAND_DEPS, type CommandDeps } from '@crm/service-kit';
import { appendToInstitution, authorizeInstitution } from '../../institution-command';
import type { InstitutionView } from '../../institution-view';
import { ReactivateInstitutionCommand } from './reactivate-institution.command';

@CommandHandler(ReactivateInstitutionCommand)
export class ReactivateInstitutionHandler implements ICommandHandler<ReactivateInstitutionCommand> {
  constructor(@Inject(COMMAND_DEPS) private readonly deps: CommandDeps) {}

  async execute({ principal, input, options }: ReactivateInstitutionCommand): Promise<InstitutionView> {
    const { institutionId, country, actor } = await authorizeInstitution(
      this.deps,
      principal,
      input.institutionId,
      'referrals.institution.manage',
      ReactivateInstitutionCommand.name,
    );
    return appendToInstitution(this.deps, {
      useCase: 'reactivateInstitution',
      institutionId,
      country,
      actor,
      options,
      command: { type: 'ReactivateInstitution', institutionId },
    });
  }
}
