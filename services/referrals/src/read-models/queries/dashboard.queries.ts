import type { Principal } from '@crm/auth';
import { Query } from '@nestjs/cqrs';
import type { AggregatesView } from '../views/aggregates';
import type { OverdueView } from '../views/overdue';
import type { PipelineView } from '../views/pipeline-counts';
import type { TimingsView } from '../views/timings';

/**
 * The dashboard queries on the QueryBus. Each carries the caller: the handler authorises it and scopes the
 * answer (a QueryBus caller cannot skip the check). Parameters arrive as given and are checked by the handler.
 */

/** Referrals per (sending, receiving) country pair and status. */
export class GetReferralPipelineQuery extends Query<PipelineView> {
  constructor(
    readonly principal: Principal,
    readonly country?: string,
  ) {
    super();
  }
}

/** Time to acknowledgement and to acceptance (median, p90, count) per country pair. */
export class GetReferralTimingsQuery extends Query<TimingsView> {
  constructor(
    readonly principal: Principal,
    readonly country?: string,
  ) {
    super();
  }
}

/** The overdue referrals per receiving institution, at the service's clock. */
export class GetOverdueReferralsQuery extends Query<OverdueView> {
  constructor(
    readonly principal: Principal,
    readonly country?: string,
    readonly institution?: string,
  ) {
    super();
  }
}

/** The Secretariat's small-cell-protected aggregates of an ended semester. */
export class GetReferralAggregatesQuery extends Query<AggregatesView> {
  constructor(
    readonly principal: Principal,
    readonly period?: string,
  ) {
    super();
  }
}
