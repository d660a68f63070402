import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CountryCode } from '@crm/kernel';
import type { PersonalDataProtector } from '@crm/pii';
import { COMMAND_DEPS, PERSONAL_DATA, type CommandDeps } from '@crm/service-kit';
import type { InstitutionKind } from '../../../shared/vocabulary';
import { appendToInstitution, authorizeInstitution, protectFocalPoint } from '../../institution-command';
import type { InstitutionView } from '../../institution-view';
import { RegisterInstitutionCommand } from './register-institution.command';

@CommandHandler(RegisterInstitutionCommand)
export class RegisterInstitutionHandler implements ICommandHandler<RegisterInstitutionCommand> {
  constructor(
    @Inject(COMMAND_DEPS) private readonly deps: CommandDeps,
    @Inject(PERSONAL_DATA) private readonly protector: PersonalDataProtector,
  ) {}

  async execute({ principal, input, options }: RegisterInstitutionCommand): Promise<InstitutionView> {
    const { institutionId, country, actor } = await authorizeInstitution(
      this.deps,
      principal,
      input.institutionId,
      'referrals.institution.manage',
      RegisterInstitutionCommand.name,
    );
    const intake = await protectFocalPoint(this.protector, input.intake, 'intake');
    const backup = await protectFocalPoint(this.protector, input.backup, 'backup');
    return appendToInstitution(this.deps, {
      useCase: 'registerInstitution',
      institutionId,
      country,
      actor,
      options,
      command: {
        type: 'RegisterInstitution',
        institutionId,
        country: input.country as CountryCode,
        kind: input.kind as InstitutionKind,
        name: input.name,
        intake,
        backup,
        verifiedOn: input.verifiedOn,
      },
    });
  }
}
