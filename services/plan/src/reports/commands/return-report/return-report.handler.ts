import type { Principal } from '@crm/auth';
import type { MultilingualText } from '../../domain/reports';
import type { CommandDeps, CommandOptions } from '../shared/command-context';
import { runReportCommand, type ReportRef } from '../shared/report-command';
import type { ReportView } from '../shared/report-view';

export interface ReturnReportInput extends ReportRef {
  comments: MultilingualText;
}

/** Secretariat: returns a submitted report to the country with comments. Operation `plan.report.return`. */
export function returnReport(
  deps: CommandDeps,
  principal: Principal,
  input: ReturnReportInput,
  options?: CommandOptions,
): Promise<ReportView> {
  return runReportCommand(
    deps,
    principal,
    input,
    {
      useCase: 'return',
      operation: 'plan.report.return',
      build: (key) => ({ type: 'ReturnReport', ...key, comments: { ...input.comments } }),
    },
    options,
  );
}
