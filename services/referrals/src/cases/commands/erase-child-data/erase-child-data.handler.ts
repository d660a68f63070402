import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { piiErasureStream, type PersonalDataErasedData, type PersonalDataProtector } from '@crm/pii';
import { COMMAND_DEPS, PERSONAL_DATA, type CommandDeps } from '@crm/service-kit';
import { authorizeCase } from '../../case-command';
import { requireCase } from '../../case-reader';
import { childSubject } from '../../domain';
import { EraseChildDataCommand, type ChildDataErasure } from './erase-child-data.command';

@CommandHandler(EraseChildDataCommand)
export class EraseChildDataHandler implements ICommandHandler<EraseChildDataCommand> {
  constructor(
    @Inject(COMMAND_DEPS) private readonly deps: CommandDeps,
    @Inject(PERSONAL_DATA) private readonly protector: PersonalDataProtector,
  ) {}

  async execute({ principal, input, options }: EraseChildDataCommand): Promise<ChildDataErasure> {
    // checked on the id's country before anything is read; the protector checks `pii.erase` again
    const { caseId } = await authorizeCase(
      this.deps,
      principal,
      input.caseId,
      'pii.erase',
      EraseChildDataCommand.name,
    );
    const { state } = await requireCase(this.deps.store, caseId);
    const subjectId = childSubject(caseId);
    const outcome = await this.protector.erase({
      principal,
      subjectId,
      reason: input.reason,
      caseCountry: state.country,
      ...(options.correlationId ? { correlationId: options.correlationId } : {}),
    });
    const [record] = await this.deps.store.readStream(piiErasureStream(subjectId), { maxCount: 1 });
    const erasedAt = (record?.data as PersonalDataErasedData | undefined)?.erasedAt ?? null;
    return { caseId, subjectId, outcome, erasedAt };
  }
}
