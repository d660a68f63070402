import {
  Inject,
  Injectable,
  Module,
  Optional,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  namespacedBus,
  PostgresProcessedStore,
  startInboundGateway,
  type InboundGateway,
} from '@crm/gateway';
import { MEMBER_COUNTRIES, type CountryCode } from '@crm/kernel';
import type { Bus, Relay } from '@crm/messaging';
import { PLATFORM, type Platform } from '@crm/platform';
import { handleSubmissionRequest } from '../reports/commands/submit-report/submit-report.inbound';
import { PLAN_RELAY_NAME, startPlanRelay } from './plan-relay';

export interface PlanIntegrationOptions {
  /** Publish integration events from the event store (default true). */
  relay?: boolean;
  /** Consume the national systems' inbound topics (default true). */
  gateway?: boolean;
  /**
   * Prefix of every Kafka topic and consumer group, e.g. `staging.` (default none): lets several
   * environments or test runs share one cluster. Topic names after the prefix keep the documented layout.
   */
  topicNamespace?: string;
  /** Countries served (default the 11 member countries). */
  countries?: readonly CountryCode[];
  /** Consumer group of the inbound gateway (default `crm.plan.inbound-gateway`). */
  groupId?: string;
  /** Largest accepted inbound record value in bytes (default 256 KiB). */
  maxBytes?: number;
  /** Where dead-letter and relay warnings go (default stderr). Never receives message bodies. */
  log?: (line: string) => void;
}

export const PLAN_INTEGRATION_OPTIONS = Symbol('plan.IntegrationOptions');

/** Database schema of the gateway's processed-id table. */
export const PLAN_INTEGRATION_SCHEMA = 'plan';

/** Starts the relay and the inbound gateway once the application is up; stops them on shutdown. */
@Injectable()
export class PlanIntegrationService implements OnApplicationBootstrap, OnModuleDestroy {
  private relay: Relay | null = null;
  private gateway: InboundGateway | null = null;
  private readonly options: PlanIntegrationOptions;

  constructor(
    @Inject(PLATFORM) private readonly platform: Platform,
    private readonly commandBus: CommandBus,
    @Optional() @Inject(PLAN_INTEGRATION_OPTIONS) options?: PlanIntegrationOptions,
  ) {
    this.options = options ?? {};
  }

  async onApplicationBootstrap(): Promise<void> {
    const { platform, options } = this;
    const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
    const bus: Bus = options.topicNamespace
      ? namespacedBus(platform.bus, options.topicNamespace)
      : platform.bus;
    const countries = options.countries ?? MEMBER_COUNTRIES;
    try {
      if (options.relay !== false) {
        this.relay = await startPlanRelay({
          store: platform.store,
          bus,
          checkpoints: platform.checkpoints,
          name: options.topicNamespace ? `${PLAN_RELAY_NAME}@${options.topicNamespace}` : PLAN_RELAY_NAME,
          log,
        });
      }
      if (options.gateway !== false) {
        const seen = await PostgresProcessedStore.open(
          await platform.dataSource(PLAN_INTEGRATION_SCHEMA),
          PLAN_INTEGRATION_SCHEMA,
        );
        this.gateway = await startInboundGateway({
          bus,
          service: 'plan',
          countries,
          seen,
          clock: platform.clock,
          ...(options.maxBytes !== undefined ? { maxBytes: options.maxBytes } : {}),
          ...(options.groupId ? { groupId: options.groupId } : {}),
          log: (line) => {
            if (line.includes(' dead letter ') || line.includes(' failed ')) log(line);
          },
          toCommand: (event, context) =>
            handleSubmissionRequest(
              { commandBus: this.commandBus, store: platform.store, clock: platform.clock },
              event,
              context,
            ),
        });
      }
    } catch (error) {
      await this.onModuleDestroy();
      throw error;
    }
  }

  async onModuleDestroy(): Promise<void> {
    const gateway = this.gateway;
    const relay = this.relay;
    this.gateway = null;
    this.relay = null;
    await gateway?.stop().catch(() => undefined);
    await relay?.stop().catch(() => undefined);
  }

  /** The running relay (tests and health checks). */
  get runningRelay(): Relay | null {
    return this.relay;
  }
}

/**
 * The plan service's Kafka integration: the relay (domain events -> integration events) and the inbound
 * gateway for national systems. `PlanIntegrationModule` alone uses the defaults; `forRoot(options)` tunes it.
 */
@Module({ providers: [PlanIntegrationService], exports: [PlanIntegrationService] })
export class PlanIntegrationModule {
  static forRoot(options: PlanIntegrationOptions = {}): DynamicModule {
    return {
      module: PlanIntegrationModule,
      providers: [{ provide: PLAN_INTEGRATION_OPTIONS, useValue: options }],
    };
  }
}
