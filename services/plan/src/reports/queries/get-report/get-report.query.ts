import { Query } from '@nestjs/cqrs';
import type { ReportRef } from '../../report-command';
import type { ReportView } from '../../report-view';

/** One report, the fold of its stream. */
export class GetReportQuery extends Query<ReportView> {
  constructor(readonly report: ReportRef) {
    super();
  }
}
