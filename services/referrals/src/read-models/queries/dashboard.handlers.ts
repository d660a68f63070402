import { Inject, Optional } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { AUDIT_SINK, type AuditSink } from '@crm/auth';
import type { Clock } from '@crm/kernel';
import { CLOCK } from '@crm/platform';
import { ReferralReadModels } from '../referral-read-models';
import type { AggregatesView } from '../views/aggregates';
import type { OverdueView } from '../views/overdue';
import type { PipelineView } from '../views/pipeline-counts';
import type { TimingsView } from '../views/timings';
import { dashboardScope, enforceQuery, institutionParam, type ScopeDeps } from './dashboard-scope';
import {
  GetOverdueReferralsQuery,
  GetReferralAggregatesQuery,
  GetReferralPipelineQuery,
  GetReferralTimingsQuery,
} from './dashboard.queries';

/** The clock and the audit sink (optional: a world without AuthModule still refuses, without storing it). */
abstract class DashboardHandler {
  protected readonly deps: ScopeDeps;
  constructor(
    @Inject(ReferralReadModels) protected readonly readModels: ReferralReadModels,
    @Inject(CLOCK) clock: Clock,
    @Optional() @Inject(AUDIT_SINK) audit?: AuditSink,
  ) {
    this.deps = { clock, ...(audit ? { audit } : {}) };
  }
}

@QueryHandler(GetReferralPipelineQuery)
export class GetReferralPipelineHandler
  extends DashboardHandler
  implements IQueryHandler<GetReferralPipelineQuery>
{
  async execute(query: GetReferralPipelineQuery): Promise<PipelineView> {
    const countries = await dashboardScope(this.deps, query.principal, query.country, 'GetReferralPipeline');
    return this.readModels.pipeline(countries);
  }
}

@QueryHandler(GetReferralTimingsQuery)
export class GetReferralTimingsHandler
  extends DashboardHandler
  implements IQueryHandler<GetReferralTimingsQuery>
{
  async execute(query: GetReferralTimingsQuery): Promise<TimingsView> {
    const countries = await dashboardScope(this.deps, query.principal, query.country, 'GetReferralTimings');
    return this.readModels.timings(countries);
  }
}

@QueryHandler(GetOverdueReferralsQuery)
export class GetOverdueReferralsHandler
  extends DashboardHandler
  implements IQueryHandler<GetOverdueReferralsQuery>
{
  async execute(query: GetOverdueReferralsQuery): Promise<OverdueView> {
    const institution = institutionParam(query.institution);
    const countries = await dashboardScope(this.deps, query.principal, query.country, 'GetOverdueReferrals');
    return this.readModels.overdue(countries, institution);
  }
}

/** `referrals.aggregates.read` (country officials and the Secretariat); the same regional tables for every caller. */
@QueryHandler(GetReferralAggregatesQuery)
export class GetReferralAggregatesHandler
  extends DashboardHandler
  implements IQueryHandler<GetReferralAggregatesQuery>
{
  async execute(query: GetReferralAggregatesQuery): Promise<AggregatesView> {
    await enforceQuery(this.deps, query.principal, 'referrals.aggregates.read', {}, 'GetReferralAggregates');
    return this.readModels.aggregates(query.period);
  }
}
