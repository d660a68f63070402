import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { COMMAND_DEPS, type CommandDeps } from '@crm/service-kit';
import { appendToReport, authorizeReport, catalogueForReport } from '../../report-command';
import type { ReportView } from '../../report-view';
import { ApproveReportCommand } from './approve-report.command';

@CommandHandler(ApproveReportCommand)
export class ApproveReportHandler implements ICommandHandler<ApproveReportCommand> {
  constructor(@Inject(COMMAND_DEPS) private readonly deps: CommandDeps) {}

  async execute({ principal, input, options }: ApproveReportCommand): Promise<ReportView> {
    const { key, actor } = await authorizeReport(
      this.deps,
      principal,
      input,
      'plan.report.approve',
      ApproveReportCommand.name,
    );
    await catalogueForReport(this.deps.store, key);
    return appendToReport(this.deps, {
      useCase: 'approve',
      key,
      actor,
      options,
      command: {
        type: 'ApproveReport',
        ...key,
        ...(input.comments === undefined ? {} : { comments: { ...input.comments } }),
      },
    });
  }
}
