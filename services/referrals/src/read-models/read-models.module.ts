import { Inject, Module, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { EventStore } from '@crm/event-store';
import type { Clock } from '@crm/kernel';
import { CLOCK, EVENT_STORE, PLATFORM, type Platform } from '@crm/platform';
import { LAG_SOURCES, projectionLagSource, SERVICE_LOGGER, type ServiceLogger } from '@crm/service-kit';
import { READ_SCHEMA } from './entities';
import {
  GetOverdueReferralsHandler,
  GetReferralAggregatesHandler,
  GetReferralPipelineHandler,
  GetReferralTimingsHandler,
} from './queries/dashboard.handlers';
import { DashboardsController } from './queries/dashboards.controller';
import { ReadModelsRebuildController } from './rebuild.controller';
import { ReferralReadModels } from './referral-read-models';

/**
 * The referral service's pipeline read models (schema `referrals_read`): starts the `referrals.pipeline`
 * projection when the module initialises, stops it on shutdown, serves the dashboards (QueryBus handlers) and
 * the rebuild route, and declares the projection a lag source of the kit (readiness and metrics). Needs
 * PlatformModule (global).
 */
@Module({
  controllers: [DashboardsController, ReadModelsRebuildController],
  providers: [
    {
      provide: ReferralReadModels,
      inject: [PLATFORM, EVENT_STORE, CLOCK, { token: SERVICE_LOGGER, optional: true }],
      useFactory: async (platform: Platform, store: EventStore, clock: Clock, logger?: ServiceLogger) =>
        new ReferralReadModels({
          store,
          dataSource: await platform.dataSource(READ_SCHEMA),
          clock,
          ...(logger ? { logger: logger.for('projection') } : {}),
        }),
    },
    {
      provide: LAG_SOURCES,
      inject: [ReferralReadModels],
      useFactory: (readModels: ReferralReadModels) => [projectionLagSource(readModels.runner)],
    },
    GetReferralPipelineHandler,
    GetReferralTimingsHandler,
    GetOverdueReferralsHandler,
    GetReferralAggregatesHandler,
  ],
  exports: [ReferralReadModels],
})
export class ReferralReadModelsModule implements OnModuleInit, OnModuleDestroy {
  constructor(@Inject(ReferralReadModels) private readonly readModels: ReferralReadModels) {}

  async onModuleInit(): Promise<void> {
    await this.readModels.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.readModels.stop();
  }
}
