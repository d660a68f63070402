import { ServiceCommand } from '@crm/service-kit';
import type { MultilingualText } from '../../domain';
import type { ReportRef } from '../../report-command';
import type { ReportView } from '../../report-view';

export interface ReturnReportInput extends ReportRef {
  comments: MultilingualText;
}

/**
 * Secretariat coordinator: return a submitted report to the country with comments (required).
 * Operation `plan.report.return`.
 */
export class ReturnReportCommand extends ServiceCommand<ReturnReportInput, ReportView> {}
