import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { COMMAND_DEPS, type CommandDeps } from '@crm/service-kit';
import { appendToReport, authorizeReport, catalogueForReport } from '../../report-command';
import type { ReportView } from '../../report-view';
import { ReturnReportCommand } from './return-report.command';

@CommandHandler(ReturnReportCommand)
export class ReturnReportHandler implements ICommandHandler<ReturnReportCommand> {
  constructor(@Inject(COMMAND_DEPS) private readonly deps: CommandDeps) {}

  async execute({ principal, input, options }: ReturnReportCommand): Promise<ReportView> {
    const { key, actor } = await authorizeReport(
      this.deps,
      principal,
      input,
      'plan.report.return',
      ReturnReportCommand.name,
    );
    await catalogueForReport(this.deps.store, key);
    return appendToReport(this.deps, {
      useCase: 'return',
      key,
      actor,
      options,
      command: { type: 'ReturnReport', ...key, comments: { ...input.comments } },
    });
  }
}
