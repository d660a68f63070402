import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { catalogueViewOf } from '../../../catalogue/catalogue-reader';
import { COMMAND_DEPS, type CommandDeps } from '@crm/service-kit';
import type { ReportContentInput } from '../../domain';
import { appendToReport, authorizeReport, catalogueForReport } from '../../report-command';
import type { ReportView } from '../../report-view';
import { SaveDraftCommand } from './save-draft.command';

@CommandHandler(SaveDraftCommand)
export class SaveDraftHandler implements ICommandHandler<SaveDraftCommand> {
  constructor(@Inject(COMMAND_DEPS) private readonly deps: CommandDeps) {}

  async execute({ principal, input, options }: SaveDraftCommand): Promise<ReportView> {
    const { key, actor } = await authorizeReport(
      this.deps,
      principal,
      input,
      'plan.report.draft',
      SaveDraftCommand.name,
    );
    const catalogue = await catalogueForReport(this.deps.store, key);
    return appendToReport(this.deps, {
      useCase: 'saveDraft',
      key,
      actor,
      options,
      command: {
        type: 'SaveDraft',
        ...key,
        content: plainContent(input.content),
        catalogue: catalogueViewOf(catalogue),
      },
    });
  }
}

/** DTO instances to plain data (the domain validates and normalises it). */
function plainContent(content: ReportContentInput): ReportContentInput {
  return JSON.parse(JSON.stringify(content)) as ReportContentInput;
}
