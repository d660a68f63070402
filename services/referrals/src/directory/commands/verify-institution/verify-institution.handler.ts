import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { COMMAND_DEPS, type CommandDeps } from '@crm/service-kit';
import { appendToInstitution, authorizeInstitution } from '../../institution-command';
import type { InstitutionView } from '../../institution-view';
import { VerifyInstitutionCommand } from './verify-institution.command';

@CommandHandler(VerifyInstitutionCommand)
export class VerifyInstitutionHandler implements ICommandHandler<VerifyInstitutionCommand> {
  constructor(@Inject(COMMAND_DEPS) private readonly deps: CommandDeps) {}

  async execute({ principal, input, options }: VerifyInstitutionCommand): Promise<InstitutionView> {
    const { institutionId, country, actor } = await authorizeInstitution(
      this.deps,
      principal,
      input.institutionId,
      'referrals.institution.manage',
      VerifyInstitutionCommand.name,
    );
    return appendToInstitution(this.deps, {
      useCase: 'verifyInstitution',
      institutionId,
      country,
      actor,
      options,
      command: { type: 'VerifyInstitution', institutionId, verifiedOn: input.verifiedOn },
    });
  }
}
