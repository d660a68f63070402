import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { EventStore } from '@crm/event-store';
import type { Clock } from '@crm/kernel';
import { CLOCK, EVENT_STORE } from '@crm/platform';
import { calendarDateOf } from '../../../shared/formats';
import { listInstitutions } from '../../directory-reader';
import { toInstitutionSummary } from '../../institution-view';
import { ListInstitutionsQuery, type InstitutionList } from './list-institutions.query';

/** Folds the directory's streams (one readAll on their category) and answers the entries without contacts. */
@QueryHandler(ListInstitutionsQuery)
export class ListInstitutionsHandler implements IQueryHandler<ListInstitutionsQuery> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ filter }: ListInstitutionsQuery): Promise<InstitutionList> {
    const now = this.clock();
    const loaded = await listInstitutions(this.store, filter.country ? { country: filter.country } : {});
    return {
      asOf: calendarDateOf(now),
      institutions: loaded
        .filter((l) => !filter.status || l.state.status === filter.status)
        .map((l) => toInstitutionSummary(l, { now, maxAgeDays: filter.maxAgeDays })),
    };
  }
}
