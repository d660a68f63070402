import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { COMMAND_DEPS, type CommandDeps } from '@crm/service-kit';
import { appendToReport, authorizeReport, catalogueForReport } from '../../report-command';
import type { ReportView } from '../../report-view';
import { ReopenReportCommand } from './reopen-report.command';

@CommandHandler(ReopenReportCommand)
export class ReopenReportHandler implements ICommandHandler<ReopenReportCommand> {
  constructor(@Inject(COMMAND_DEPS) private readonly deps: CommandDeps) {}

  async execute({ principal, input, options }: ReopenReportCommand): Promise<ReportView> {
    const { key, actor } = await authorizeReport(
      this.deps,
      principal,
      input,
      'plan.report.reopen',
      ReopenReportCommand.name,
    );
    await catalogueForReport(this.deps.store, key);
    return appendToReport(this.deps, {
      useCase: 'reopen',
      key,
      actor,
      options,
      command: { type: 'ReopenReport', ...key, reason: { ...input.reason } },
    });
  }
}
