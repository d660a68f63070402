import { Inject, Module, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { EventStore } from '@crm/event-store';
import type { Clock } from '@crm/kernel';
import { CLOCK, EVENT_STORE, PLATFORM, type Platform } from '@crm/platform';
import { READ_SCHEMA } from './dashboard.projection';
import { PlanReadModels } from './plan-read-models';
import { ReadModelsController } from './read-models.controller';

/**
 * The plan service's read models (schema `plan_read`): starts the dashboard projection when the module
 * initialises, stops it on shutdown, and serves the dashboard endpoints. Needs PlatformModule (global).
 */
@Module({
  controllers: [ReadModelsController],
  providers: [
    {
      provide: PlanReadModels,
      inject: [PLATFORM, EVENT_STORE, CLOCK],
      useFactory: async (platform: Platform, store: EventStore, clock: Clock) =>
        new PlanReadModels({ store, dataSource: await platform.dataSource(READ_SCHEMA), clock }),
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
