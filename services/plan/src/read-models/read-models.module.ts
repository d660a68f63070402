import { Inject, Module, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { EventStore } from '@crm/event-store';
import type { Clock } from '@crm/kernel';
import { CLOCK, EVENT_STORE, PLATFORM, type Platform } from '@crm/platform';
import { LAG_SOURCES, projectionLagSource, SERVICE_LOGGER, type ServiceLogger } from '@crm/service-kit';
import { READ_SCHEMA } from './dashboard.projection';
import { PlanReadModels } from './plan-read-models';
import { ReadModelsController } from './read-models.controller';

/**
 * The plan service's read models (schema `plan_read`): starts the dashboard projection when the module
 * initialises, stops it on shutdown, and serves the dashboard endpoints. Needs PlatformModule (global).
 * Declares the projection as a lag source of the service kit (readiness and metrics).
 */
@Module({
  controllers: [ReadModelsController],
  providers: [
    {
      provide: PlanReadModels,
      inject: [PLATFORM, EVENT_STORE, CLOCK, { token: SERVICE_LOGGER, optional: true }],
      useFactory: async (platform: Platform, store: EventStore, clock: Clock, logger?: ServiceLogger) =>
        new PlanReadModels({
          store,
          dataSource: await platform.dataSource(READ_SCHEMA),
          clock,
          ...(logger ? { logger: logger.for('projection') } : {}),
        }),
    },
    // the dashboard projection's lag: /health/ready and crm_projection_lag_events
    {
      provide: LAG_SOURCES,
      inject: [PlanReadModels],
      useFactory: (readModels: PlanReadModels) => [projectionLagSource(readModels.runner)],
    },
  ],
  exports: [PlanReadModels],
})
export class ReadModelsModule implements OnModuleInit, OnModuleDestroy {
  constructor(@Inject(PlanReadModels) private readonly readModels: PlanReadModels) {}

  async onModuleInit(): Promise<void> {
    await this.readModels.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.readModels.stop();
  }
}
