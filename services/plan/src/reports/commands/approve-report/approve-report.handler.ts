import type { Principal } from '@crm/auth';
import type { MultilingualText } from '../../domain/reports';
import type { CommandDeps, CommandOptions } from '../shared/command-context';
import { runReportCommand, type ReportRef } from '../shared/report-command';
import type { ReportView } from '../shared/report-view';

export interface ApproveReportInput extends ReportRef {
  comments?: MultilingualText;
}

/** Secretariat: approves a submitted report (locks it, records a new approved version). Operation `plan.report.approve`. */
export function approveReport(
  deps: CommandDeps,
  principal: Principal,
  input: ApproveReportInput,
  options?: CommandOptions,
): Promise<ReportView> {
  return runReportCommand(
    deps,
    principal,
    input,
    {
      useCase: 'approve',
      operation: 'plan.report.approve',
      build: (key) => ({
        type: 'ApproveReport',
        ...key,
        ...(input.comments === undefined ? {} : { comments: { ...input.comments } }),
      }),
    },
    options,
  );
}
