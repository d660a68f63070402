import { PlanCommand } from '../../../shared/plan-command';
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
export class ReopenReportCommand extends PlanCommand<ReopenReportInput, ReportView> {}
