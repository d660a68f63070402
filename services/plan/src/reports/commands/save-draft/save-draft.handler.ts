import type { Principal } from '@crm/auth';
import type { ReportContentInput } from '../../domain/reports';
import { catalogueViewOf } from '../shared/catalogue-reader';
import type { CommandDeps, CommandOptions } from '../shared/command-context';
import { runReportCommand, type ReportRef } from '../shared/report-command';
import type { ReportView } from '../shared/report-view';

export interface SaveDraftInput extends ReportRef {
  content: ReportContentInput;
}

/** Creates or updates the draft (also after a return or a reopen). Operation `plan.report.draft`. */
export function saveDraft(
  deps: CommandDeps,
  principal: Principal,
  input: SaveDraftInput,
  options?: CommandOptions,
): Promise<ReportView> {
  return runReportCommand(
    deps,
    principal,
    input,
    {
      useCase: 'saveDraft',
      operation: 'plan.report.draft',
      build: (key, catalogue) => ({
        type: 'SaveDraft',
        ...key,
        content: plainContent(input.content),
        catalogue: catalogueViewOf(catalogue),
      }),
    },
    options,
  );
}

/** DTO instances to plain data (the domain validates and normalises it). */
function plainContent(content: ReportContentInput): ReportContentInput {
  return JSON.parse(JSON.stringify(content)) as ReportContentInput;
}
