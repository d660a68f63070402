import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { PersonalDataProtector } from '@crm/pii';
import { COMMAND_DEPS, PERSONAL_DATA, type CommandDeps } from '@crm/service-kit';
import { derivedId } from '../../../shared/derived-id';
import { protectRecord } from '../../../shared/personal-data';
import { appendToCase, authorizeCase } from '../../case-command';
import type { CaseView } from '../../case-view';
import {
  BEST_INTERESTS_PERSONAL_FIELDS,
  childSubject,
  type BestInterestsConductorRole,
  type BestInterestsKind,
  type BestInterestsOutcome,
} from '../../domain';
import { RecordBestInterestsCommand } from './record-best-interests.command';

@CommandHandler(RecordBestInterestsCommand)
export class RecordBestInterestsHandler implements ICommandHandler<RecordBestInterestsCommand> {
  constructor(
    @Inject(COMMAND_DEPS) private readonly deps: CommandDeps,
    @Inject(PERSONAL_DATA) private readonly protector: PersonalDataProtector,
  ) {}

  async execute({ principal, input, options }: RecordBestInterestsCommand): Promise<CaseView> {
    const authorized = await authorizeCase(
      this.deps,
      principal,
      input.caseId,
      'referrals.case.assess',
      RecordBestInterestsCommand.name,
    );
    const recommendations = await protectRecord(
      this.protector,
      childSubject(authorized.caseId),
      { recommendations: input.recommendations },
      BEST_INTERESTS_PERSONAL_FIELDS,
    );
    return appendToCase(this.deps, {
      useCase: 'recordBestInterests',
      ...authorized,
      principal,
      options,
      command: {
        type: 'RecordBestInterests',
        caseId: authorized.caseId,
        recordId: input.recordId ?? derivedId(`bestInterests:${authorized.caseId}`, options.commandId),
        kind: input.kind as BestInterestsKind,
        conductedBy: {
          institutionId: input.conductedBy?.institutionId as string,
          role: input.conductedBy?.role as BestInterestsConductorRole,
        },
        conductedOn: input.conductedOn,
        outcome: input.outcome as BestInterestsOutcome,
        recommendations,
      },
    });
  }
}
