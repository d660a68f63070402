import { Inject, Module, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { EventStore } from '@crm/event-store';
import { EVENT_STORE, PLATFORM, type Platform } from '@crm/platform';
import { LAG_SOURCES, projectionLagSource, SERVICE_LOGGER, type ServiceLogger } from '@crm/service-kit';
import { READ_SCHEMA } from './case-referrals.entity';
import { ConsentProcess } from './consent-process';

/**
 * The consent-withdrawal process of the referral service (feature module, `referralsFeatures()`): starts the
 * projection once the application is up (after the CqrsModule registered the handlers its notices go to, as
 * the kit's inbound gateway does) and stops it on shutdown; its notices go through the CommandBus to
 * the lifecycle's NotifyConsentWithdrawal handler. Needs PlatformModule (global). Declared as a lag source of
 * the service kit (readiness and metrics).
 */
@Module({
  providers: [
    {
      provide: ConsentProcess,
      inject: [PLATFORM, EVENT_STORE, CommandBus, { token: SERVICE_LOGGER, optional: true }],
      useFactory: async (platform: Platform, store: EventStore, bus: CommandBus, logger?: ServiceLogger) =>
        new ConsentProcess({
          store,
          dataSource: await platform.dataSource(READ_SCHEMA),
          dispatch: (command) => bus.execute(command),
          ...(logger ? { logger: logger.for('consent-process') } : {}),
        }),
    },
    {
      provide: LAG_SOURCES,
      inject: [ConsentProcess],
      useFactory: (process: ConsentProcess) => [projectionLagSource(process.runner)],
    },
  ],
  exports: [ConsentProcess],
})
export class ConsentProcessModule implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(@Inject(ConsentProcess) private readonly process: ConsentProcess) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.process.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.process.stop();
  }
}
