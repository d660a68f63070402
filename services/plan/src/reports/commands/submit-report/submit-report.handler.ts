import type { Principal } from '@crm/auth';
import type { CommandDeps, CommandOptions } from '../shared/command-context';
import { runReportCommand, type ReportRef } from '../shared/report-command';
import type { ReportView } from '../shared/report-view';
import { loadWindow } from '../shared/window-reader';

export type SubmitReportInput = ReportRef;

/** Submits the current draft, judged against the period's effective window (late or not). Operation `plan.report.submit`. */
export function submitReport(
  deps: CommandDeps,
  principal: Principal,
  input: SubmitReportInput,
  options?: CommandOptions,
): Promise<ReportView> {
  return runReportCommand(
    deps,
    principal,
    input,
    {
      useCase: 'submit',
      operation: 'plan.report.submit',
      build: async (key) => ({
        type: 'SubmitReport',
        ...key,
        window: (await loadWindow(deps.store, key.period)).effective,
      }),
    },
    options,
  );
}
