import type { Principal } from '@crm/auth';
import type { MultilingualText } from '../../domain/reports';
import type { CommandDeps, CommandOptions } from '../shared/command-context';
import { runReportCommand, type ReportRef } from '../shared/report-command';
import type { ReportView } from '../shared/report-view';

export interface ReopenReportInput extends ReportRef {
  reason: MultilingualText;
}

/** Secretariat: reopens an approved report (reason required; the approved version is kept). Operation `plan.report.reopen`. */
export function reopenReport(
  deps: CommandDeps,
  principal: Principal,
  input: ReopenReportInput,
  options?: CommandOptions,
): Promise<ReportView> {
  return runReportCommand(
    deps,
    principal,
    input,
    {
      useCase: 'reopen',
      operation: 'plan.report.reopen',
      build: (key) => ({ type: 'ReopenReport', ...key, reason: { ...input.reason } }),
    },
    options,
  );
}
