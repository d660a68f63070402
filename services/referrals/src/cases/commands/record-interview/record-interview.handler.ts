import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { COMMAND_DEPS, type CommandDeps } from '@crm/service-kit';
import { derivedId } from '../../../shared/derived-id';
import { appendToCase, authorizeCase } from '../../case-command';
import type { CaseView } from '../../case-view';
import type { InterviewPurpose } from '../../domain';
import { RecordInterviewCommand } from './record-interview.command';

@CommandHandler(RecordInterviewCommand)
export class RecordInterviewHandler implements ICommandHandler<RecordInterviewCommand> {
  constructor(@Inject(COMMAND_DEPS) private readonly deps: CommandDeps) {}

  async execute({ principal, input, options }: RecordInterviewCommand): Promise<CaseView> {
    const authorized = await authorizeCase(
      this.deps,
      principal,
      input.caseId,
      'referrals.case.interview',
      RecordInterviewCommand.name,
    );
    return appendToCase(this.deps, {
      useCase: 'recordInterview',
      ...authorized,
      principal,
      options,
      command: {
        type: 'RecordInterview',
        caseId: authorized.caseId,
        interviewId: input.interviewId ?? derivedId(`interview:${authorized.caseId}`, options.commandId),
        institutionId: input.institutionId,
        conductedOn: input.conductedOn,
        purpose: input.purpose as InterviewPurpose,
      },
    });
  }
}
