import { ServiceCommand } from '@crm/service-kit';
import type { ReportRef } from '../../report-command';
import type { ReportView } from '../../report-view';

export type SubmitReportInput = ReportRef;

/**
 * Country: submit the current draft for review, judged against the period's effective window (refused
 * before it opens, 409; marked late after it closes). Operation `plan.report.submit`.
 */
export class SubmitReportCommand extends ServiceCommand<SubmitReportInput, ReportView> {}
