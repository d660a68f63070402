import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { readState } from '@crm/decider';
import type { EventStore } from '@crm/event-store';
import { EVENT_STORE } from '@crm/platform';
import { activityKnown, loadCatalogueForPeriod } from '../../../catalogue/catalogue-reader';
import { activityNotFound, reportNotFound } from '../../../shared/errors';
import { reportDecider, reportStreamName, validateReportKey } from '../../domain';
import { toReportView, type ReportView } from '../../report-view';
import { GetReportQuery } from './get-report.query';

/**
 * One report: the fold of its stream. 404 when the activity is unknown in the catalogue of the period's plan or
 * the report has no event yet; 422 when no imported plan has the period.
 */
@QueryHandler(GetReportQuery)
export class GetReportHandler implements IQueryHandler<GetReportQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ report }: GetReportQuery): Promise<ReportView> {
    const key = validateReportKey(report);
    const streamName = reportStreamName(key);
    const { state, revision } = await readState(this.store, streamName, reportDecider);
    if (revision < 0) {
      const catalogue = await loadCatalogueForPeriod(this.store, key.period);
      if (!activityKnown(catalogue, key.activityId)) throw activityNotFound(key.activityId, catalogue.planId);
      throw reportNotFound(key);
    }
    return toReportView(streamName, revision, key, state);
  }
}
