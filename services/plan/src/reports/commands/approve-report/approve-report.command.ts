import { ServiceCommand } from '@crm/service-kit';
import type { MultilingualText } from '../../domain';
import type { ReportRef } from '../../report-command';
import type { ReportView } from '../../report-view';

export interface ApproveReportInput extends ReportRef {
  comments?: MultilingualText;
}

/**
 * Secretariat coordinator: approve a submitted report (locks it, records a new approved version).
 * Operation `plan.report.approve`.
 */
export class ApproveReportCommand extends ServiceCommand<ApproveReportInput, ReportView> {}
