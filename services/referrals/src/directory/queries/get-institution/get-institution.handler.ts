import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { EventStore } from '@crm/event-store';
import type { Clock } from '@crm/kernel';
import { CLOCK, EVENT_STORE } from '@crm/platform';
import { requireInstitution } from '../../directory-reader';
import { toInstitutionView, type InstitutionView } from '../../institution-view';
import { GetInstitutionQuery } from './get-institution.query';

/** One entry (404 when not registered; 422 for a malformed id). */
@QueryHandler(GetInstitutionQuery)
export class GetInstitutionHandler implements IQueryHandler<GetInstitutionQuery> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ institutionId, options }: GetInstitutionQuery): Promise<InstitutionView> {
    const loaded = await requireInstitution(this.store, institutionId);
    return toInstitutionView(this.store, loaded, { now: this.clock(), maxAgeDays: options.maxAgeDays });
  }
}
