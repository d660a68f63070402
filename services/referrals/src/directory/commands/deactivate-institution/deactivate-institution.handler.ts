import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { COMMAND_DEPS, type CommandDeps } from '@crm/service-kit';
import type { DeactivationReason } from '../../domain';
import { appendToInstitution, authorizeInstitution } from '../../institution-command';
import type { InstitutionView } from '../../institution-view';
import { DeactivateInstitutionCommand } from './deactivate-institution.command';

@CommandHandler(DeactivateInstitutionCommand)
export class DeactivateInstitutionHandler implements ICommandHandler<DeactivateInstitutionCommand> {
  constructor(@Inject(COMMAND_DEPS) private readonly deps: CommandDeps) {}

  async execute({ principal, input, options }: DeactivateInstitutionCommand): Promise<InstitutionView> {
    const { institutionId, country, actor } = await authorizeInstitution(
      this.deps,
      principal,
      input.institutionId,
      'referrals.institution.manage',
      DeactivateInstitutionCommand.name,
    );
    return appendToInstitution(this.deps, {
      useCase: 'deactivateInstitution',
      institutionId,
      country,
      actor,
      options,
      command: {
        type: 'DeactivateInstitution',
        institutionId,
        reason: input.reason as DeactivationReason,
      },
    });
  }
}
