import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { COMMAND_DEPS, type CommandDeps } from '@crm/service-kit';
import { loadWindow } from '../../../windows/window-reader';
import { appendToReport, authorizeReport, catalogueForReport } from '../../report-command';
import type { ReportView } from '../../report-view';
import { SubmitReportCommand } from './submit-report.command';

@CommandHandler(SubmitReportCommand)
export class SubmitReportHandler implements ICommandHandler<SubmitReportCommand> {
  constructor(@Inject(COMMAND_DEPS) private readonly deps: CommandDeps) {}

  async execute({ principal, input, options }: SubmitReportCommand): Promise<ReportView> {
    const { key, actor } = await authorizeReport(
      this.deps,
      principal,
      input,
      'plan.report.submit',
      SubmitReportCommand.name,
    );
    await catalogueForReport(this.deps.store, key);
    return appendToReport(this.deps, {
      useCase: 'submit',
      key,
      actor,
      options,
      command: {
        type: 'SubmitReport',
        ...key,
        window: (await loadWindow(this.deps.store, key.period)).effective,
      },
    });
  }
}
