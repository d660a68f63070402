import { ServiceCommand } from '@crm/service-kit';
import type { MultilingualText } from '../../domain';
import type { ReportRef } from '../../report-command';
import type { ReportView } from '../../report-view';

export interface ReopenReportInput extends ReportRef {
  reason: MultilingualText;
}

/**
 * Secretariat coordinator: reopen an approved report (reason required; the approved version is kept).
 * Operation `plan.report.reopen`.
 */
export class ReopenReportCommand extends ServiceCommand<ReopenReportInput, ReportView> {}
