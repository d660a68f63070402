import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { PersonalDataProtector } from '@crm/pii';
import { COMMAND_DEPS, PERSONAL_DATA, type CommandDeps } from '@crm/service-kit';
import { focalPointIdsEver, requireInstitution } from '../../directory-reader';
import { focalPointSubject } from '../../domain';
import { focalPointNotFound } from '../../errors';
import { authorizeInstitution } from '../../institution-command';
import { toInstitutionView } from '../../institution-view';
import { EraseFocalPointCommand, type FocalPointErasure } from './erase-focal-point.command';

@CommandHandler(EraseFocalPointCommand)
export class EraseFocalPointHandler implements ICommandHandler<EraseFocalPointCommand> {
  constructor(
    @Inject(COMMAND_DEPS) private readonly deps: CommandDeps,
    @Inject(PERSONAL_DATA) private readonly protector: PersonalDataProtector,
  ) {}

  async execute({ principal, input, options }: EraseFocalPointCommand): Promise<FocalPointErasure> {
    // checked on the id's country before anything is read; the protector checks `pii.erase` again
    await authorizeInstitution(
      this.deps,
      principal,
      input.institutionId,
      'pii.erase',
      EraseFocalPointCommand.name,
    );
    const loaded = await requireInstitution(this.deps.store, input.institutionId);
    const { institutionId, country } = loaded.state.entry;
    if (!focalPointIdsEver(loaded.events).includes(input.focalPointId)) {
      throw focalPointNotFound(institutionId, String(input.focalPointId));
    }
    const outcome = await this.protector.erase({
      principal,
      subjectId: focalPointSubject(input.focalPointId),
      reason: input.reason,
      caseCountry: country,
      ...(options.correlationId ? { correlationId: options.correlationId } : {}),
    });
    const institution = await toInstitutionView(this.deps.store, loaded, { now: this.deps.clock() });
    return { institutionId, focalPointId: input.focalPointId, outcome, institution };
  }
}
