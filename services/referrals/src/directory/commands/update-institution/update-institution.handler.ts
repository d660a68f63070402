import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { PersonalDataProtector } from '@crm/pii';
import { COMMAND_DEPS, PERSONAL_DATA, type CommandDeps } from '@crm/service-kit';
import type { InstitutionKind } from '../../../shared/vocabulary';
import {
  appendToInstitution,
  authorizeInstitution,
  currentEntry,
  protectFocalPoint,
} from '../../institution-command';
import type { InstitutionView } from '../../institution-view';
import { UpdateInstitutionCommand } from './update-institution.command';

@CommandHandler(UpdateInstitutionCommand)
export class UpdateInstitutionHandler implements ICommandHandler<UpdateInstitutionCommand> {
  constructor(
    @Inject(COMMAND_DEPS) private readonly deps: CommandDeps,
    @Inject(PERSONAL_DATA) private readonly protector: PersonalDataProtector,
  ) {}

  async execute({ principal, input, options }: UpdateInstitutionCommand): Promise<InstitutionView> {
    const { institutionId, country, actor } = await authorizeInstitution(
      this.deps,
      principal,
      input.institutionId,
      'referrals.institution.manage',
      UpdateInstitutionCommand.name,
    );
    const entry = await currentEntry(this.deps, institutionId);
    const intake = input.intake && (await protectFocalPoint(this.protector, input.intake, 'intake', entry));
    const backup = input.backup && (await protectFocalPoint(this.protector, input.backup, 'backup', entry));
    return appendToInstitution(this.deps, {
      useCase: 'updateInstitution',
      institutionId,
      country,
      actor,
      options,
      command: {
        type: 'UpdateInstitution',
        institutionId,
        ...(input.name !== undefined && { name: input.name }),
        ...(input.kind !== undefined && { kind: input.kind as InstitutionKind }),
        ...(intake && { intake }),
        ...(backup && { backup }),
      },
    });
  }
}
