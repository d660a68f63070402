import { ServiceCommand } from '@crm/service-kit';
import type { ReportContentInput } from '../../domain';
import type { ReportRef } from '../../report-command';
import type { ReportView } from '../../report-view';

export interface SaveDraftInput extends ReportRef {
  content: ReportContentInput;
}

/**
 * Country (reporting officer or national system of the report's country): create or update the draft, also
 * after a return or a reopen. Operation `plan.report.draft`.
 */
export class SaveDraftCommand extends ServiceCommand<SaveDraftInput, ReportView> {}
