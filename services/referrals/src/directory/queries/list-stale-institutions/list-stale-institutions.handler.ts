import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { EventStore } from '@crm/event-store';
import type { Clock } from '@crm/kernel';
import { CLOCK, EVENT_STORE } from '@crm/platform';
import { calendarDateOf } from '../../../shared/formats';
import { listInstitutions } from '../../directory-reader';
import { DEFAULT_DIRECTORY_MAX_AGE_DAYS, toInstitutionSummary } from '../../institution-view';
import { ListStaleInstitutionsQuery, type StaleInstitutionList } from './list-stale-institutions.query';

/** The active entries stale at today's date (`staleSince` of the domain), the longest stale first. */
@QueryHandler(ListStaleInstitutionsQuery)
export class ListStaleInstitutionsHandler implements IQueryHandler<ListStaleInstitutionsQuery> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ filter }: ListStaleInstitutionsQuery): Promise<StaleInstitutionList> {
    const now = this.clock();
    const maxAgeDays = filter.maxAgeDays ?? DEFAULT_DIRECTORY_MAX_AGE_DAYS;
    const loaded = await listInstitutions(this.store, filter.country ? { country: filter.country } : {});
    const stale = loaded
      .map((l) => toInstitutionSummary(l, { now, maxAgeDays }))
      .filter((s): s is StaleInstitutionList['institutions'][number] => s.staleSince !== null)
      .sort(
        (a, b) => a.staleSince.localeCompare(b.staleSince) || a.institutionId.localeCompare(b.institutionId),
      );
    return { asOf: calendarDateOf(now), maxAgeDays, institutions: stale };
  }
}
