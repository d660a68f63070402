import type { CommandBus } from '@nestjs/cqrs';
import { DeadlineRunner } from '@crm/deadlines';
import type { EventStore } from '@crm/event-store';
import type { Clock, LogPort } from '@crm/kernel';
import { ProjectionRunner } from '@crm/projection';
import type { DataSource } from 'typeorm';
import type { EscalationConfig } from './escalation-config';
import { fireReferralTimer } from './fire-referral-timer';
import {
  REFERRAL_DEADLINES,
  REFERRALS_SCHEMA,
  referralDeadlinesProjection,
} from './referral-deadlines.projection';
import type { ReferralTimerPayload } from './referral-timers';

export interface ReferralEscalationOptions {
  store: EventStore;
  /** A data source on the `referrals` schema (`platform.dataSource('referrals')`). */
  dataSource: DataSource;
  /** The service clock: what is due (CRM_CLOCK_OFFSET moves it in development and tests). */
  clock: Clock;
  commandBus: Pick<CommandBus, 'execute'>;
  config: EscalationConfig;
  /** The kit's redacting logger (default: JSON lines on stderr). */
  logger?: LogPort;
  /** Runner retry back-off (default 1 s, doubling up to 5 min); tests shorten it. */
  retryInitialMs?: number;
}

/**
 * Durable deadlines of the referrals: the `referrals.deadlines` projection keeps the deadlines table equal to
 * each referral's `pendingTimers`, and the deadline runner fires what is due at the service clock's now
 * (`FOR UPDATE SKIP LOCKED`: several processes share the table) as RemindOverdue / EscalateOverdue. A timer that
 * fell due while the service was down fires once after it starts again.
 */
export class ReferralEscalation {
  readonly projection: ProjectionRunner;
  readonly runner: DeadlineRunner<ReferralTimerPayload>;

  constructor(options: ReferralEscalationOptions) {
    this.projection = new ProjectionRunner({
      store: options.store,
      dataSource: options.dataSource,
      projection: referralDeadlinesProjection(options.store),
      schema: REFERRALS_SCHEMA,
      ...(options.logger ? { logger: options.logger } : {}),
    });
    this.runner = new DeadlineRunner<ReferralTimerPayload>({
      dataSource: options.dataSource,
      schema: REFERRALS_SCHEMA,
      name: REFERRAL_DEADLINES,
      clock: options.clock,
      fire: fireReferralTimer(options.commandBus),
      pollIntervalMs: options.config.pollIntervalMs,
      batchSize: options.config.batchSize,
      ...(options.retryInitialMs ? { retryInitialMs: options.retryInitialMs } : {}),
      ...(options.logger ? { logger: options.logger } : {}),
    });
  }

  /** The projection first (it migrates the deadlines table), then the runner. */
  async start(): Promise<void> {
    await this.projection.start();
    await this.runner.start();
  }

  /** The runner first (its poll in progress commits), then the projection. */
  async stop(): Promise<void> {
    await this.runner.stop();
    await this.projection.stop();
  }
}
