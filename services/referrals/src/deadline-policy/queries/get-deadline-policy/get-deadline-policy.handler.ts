import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { EventStore } from '@crm/event-store';
import { EVENT_STORE } from '@crm/platform';
import {
  loadDeadlinePolicy,
  toDeadlinePolicyView,
  type DeadlinePolicyView,
} from '../../deadline-policy-reader';
import { GetDeadlinePolicyQuery } from './get-deadline-policy.query';

/** 422 `referral_deadline_policy.invalid_pair` for a pair that is not two different member countries. */
@QueryHandler(GetDeadlinePolicyQuery)
export class GetDeadlinePolicyHandler implements IQueryHandler<GetDeadlinePolicyQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute(query: GetDeadlinePolicyQuery): Promise<DeadlinePolicyView> {
    const loaded = await loadDeadlinePolicy(this.store, { from: query.from, to: query.to });
    return toDeadlinePolicyView(loaded.pair, loaded.state, loaded.revision);
  }
}
