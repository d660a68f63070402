import { Inject, Module, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { EventStore } from '@crm/event-store';
import type { Clock } from '@crm/kernel';
import { CLOCK, EVENT_STORE, PLATFORM, type Platform } from '@crm/platform';
import {
  BACKLOG_SOURCES,
  deadlineBacklogSource,
  LAG_SOURCES,
  projectionLagSource,
  SERVICE_ENV,
  SERVICE_LOGGER,
  type ServiceLogger,
} from '@crm/service-kit';
import { ESCALATION_CONFIG, loadEscalationConfig, type EscalationConfig } from './escalation-config';
import { OverdueCommandsModule } from './overdue-commands.module';
import { REFERRALS_SCHEMA } from './referral-deadlines.projection';
import { ReferralEscalation } from './referral-escalation';

/**
 * Deadlines and escalation of the referrals (a feature of the service: `referralsFeatures()`): the
 * `referrals.deadlines` projection and the deadline runner, started once the application is up (after the
 * CommandBus has its handlers: the kit's global modules bootstrap first) and stopped on shutdown, runner first.
 * Declares the projection as a lag source and the runner as a backlog source of the kit (readiness, metrics).
 */
@Module({
  imports: [OverdueCommandsModule],
  providers: [
    { provide: ESCALATION_CONFIG, inject: [SERVICE_ENV], useFactory: loadEscalationConfig },
    {
      provide: ReferralEscalation,
      inject: [
        PLATFORM,
        EVENT_STORE,
        CLOCK,
        CommandBus,
        ESCALATION_CONFIG,
        { token: SERVICE_LOGGER, optional: true },
      ],
      useFactory: async (
        platform: Platform,
        store: EventStore,
        clock: Clock,
        commandBus: CommandBus,
        config: EscalationConfig,
        logger?: ServiceLogger,
      ) =>
        new ReferralEscalation({
          store,
          dataSource: await platform.dataSource(REFERRALS_SCHEMA),
          clock,
          commandBus,
          config,
          ...(logger ? { logger: logger.for('deadlines') } : {}),
        }),
    },
    {
      provide: LAG_SOURCES,
      inject: [ReferralEscalation],
      useFactory: (escalation: ReferralEscalation) => [projectionLagSource(escalation.projection)],
    },
    {
      provide: BACKLOG_SOURCES,
      inject: [ReferralEscalation],
      useFactory: (escalation: ReferralEscalation) => [deadlineBacklogSource(escalation.runner)],
    },
  ],
  exports: [ReferralEscalation],
})
export class EscalationModule implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(@Inject(ReferralEscalation) private readonly escalation: ReferralEscalation) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.escalation.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.escalation.stop();
  }
}
