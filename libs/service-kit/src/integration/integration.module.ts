import {
  Inject,
  Injectable,
  Module,
  Optional,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import {
  namespacedBus,
  PostgresProcessedStore,
  startInboundGateway,
  type InboundGateway,
  type InboundGatewayOptions,
} from '@crm/gateway';
import { lineLogPort, MEMBER_COUNTRIES, type CountryCode, type LogPort } from '@crm/kernel';
import type { Bus, CheckpointStore, Relay } from '@crm/messaging';
import type { ServiceName } from '@crm/contracts';
import type { EventStore } from '@crm/event-store';
import { PLATFORM, type Platform } from '@crm/platform';
import { LAG_SOURCES, relayLagSource, type LagSource } from '../ops/lag';
import { SERVICE_METRICS, type ServiceMetrics } from '../ops/metrics';
import { SERVICE_LOGGER, type ServiceLogger } from '../ops/service-logger';

/** What a service's relay needs: its own streams, the bus to publish to and where to keep its checkpoint. */
export interface RelayDeps {
  store: EventStore;
  bus: Bus;
  checkpoints: CheckpointStore;
  /** The relay's checkpoint name (the service's, suffixed by the topic namespace when there is one). */
  name: string;
  /** Where the relay reports failures and retries (the service's redacting logger). */
  logger: LogPort;
  /** The same as lines (legacy `RelayOptions.log`). */
  log: (line: string) => void;
}

/** How one service integrates through Kafka: what it publishes and which commands national systems may send. */
export interface ServiceIntegration {
  /** Service name of the topic layout: `crm.<C>.in.<service>` / `crm.<C>.out.<service>`. */
  service: ServiceName;
  /** Schema of the inbound gateway's processed-id table (the service's own schema). */
  schema: string;
  /** Checkpoint name of the relay. */
  relayName: string;
  /** Starts the service's relay (domain events → integration events). */
  startRelay(deps: RelayDeps): Promise<Relay>;
  /**
   * The inbound adapter: a valid message of a national system → the use case's command. `get` resolves a
   * provider of the application (e.g. the CommandBus).
   */
  inbound?(get: <T>(token: unknown) => T, platform: Platform): InboundGatewayOptions['toCommand'];
}

/** Per-deployment settings of the integration (the same for every service). */
export interface IntegrationOptions {
  /** Publish integration events from the event store (default true). */
  relay?: boolean;
  /** Consume the national systems' inbound topics (default true when the service has an inbound adapter). */
  gateway?: boolean;
  /**
   * Prefix of every Kafka topic and consumer group, e.g. `staging.` (default none): lets several
   * environments or test runs share one cluster. Topic names after the prefix keep the documented layout.
   */
  topicNamespace?: string;
  /** Countries served (default the 11 member countries). */
  countries?: readonly CountryCode[];
  /** Consumer group of the inbound gateway (default `crm.<service>.inbound-gateway`). */
  groupId?: string;
  /** Largest accepted inbound record value in bytes (default 256 KiB). */
  maxBytes?: number;
  /**
   * Where dead-letter and relay warnings go as lines (tests pass a silent one). Default: the service's
   * redacting logger (contexts `relay` and `gateway`). Never receives message bodies.
   */
  log?: (line: string) => void;
}

const SERVICE_INTEGRATION = Symbol('crm.ServiceIntegration');
const INTEGRATION_OPTIONS = Symbol('crm.IntegrationOptions');

/** Starts the relay and the inbound gateway once the application is up; stops them on shutdown. */
@Injectable()
export class IntegrationService implements OnApplicationBootstrap, OnModuleDestroy {
  private relay: Relay | null = null;
  private gateway: InboundGateway | null = null;

  constructor(
    @Inject(PLATFORM) private readonly platform: Platform,
    @Inject(SERVICE_INTEGRATION) private readonly integration: ServiceIntegration,
    @Inject(INTEGRATION_OPTIONS) private readonly options: IntegrationOptions,
    private readonly moduleRef: ModuleRef,
    @Optional() @Inject(SERVICE_LOGGER) private readonly serviceLogger?: ServiceLogger,
    @Optional() @Inject(SERVICE_METRICS) private readonly metrics?: ServiceMetrics,
  ) {}

  /** The legacy `log` lines when given, else the service's logger for `component`, else JSON lines on stderr. */
  private loggerFor(component: string): LogPort {
    if (this.options.log) return lineLogPort(this.options.log);
    if (this.serviceLogger) return this.serviceLogger.for(component);
    return lineLogPort((line) => process.stderr.write(`${line}\n`));
  }

  /** The relay's checkpoint name (the service's, suffixed by the topic namespace when there is one). */
  get relayName(): string {
    const { integration, options } = this;
    return options.topicNamespace
      ? `${integration.relayName}@${options.topicNamespace}`
      : integration.relayName;
  }

  async onApplicationBootstrap(): Promise<void> {
    const { platform, options, integration } = this;
    const relayLogger = this.loggerFor('relay');
    const gatewayLogger = this.loggerFor('gateway');
    const bus: Bus = options.topicNamespace
      ? namespacedBus(platform.bus, options.topicNamespace)
      : platform.bus;
    try {
      if (options.relay !== false) {
        this.relay = await integration.startRelay({
          store: platform.store,
          bus,
          checkpoints: platform.checkpoints,
          name: this.relayName,
          logger: relayLogger,
          log: (line) => relayLogger.warn({}, line),
        });
      }
      if (options.gateway !== false && integration.inbound) {
        const seen = await PostgresProcessedStore.open(
          await platform.dataSource(integration.schema),
          integration.schema,
        );
        const get = <T>(token: unknown): T => this.moduleRef.get(token as string, { strict: false }) as T;
        this.gateway = await startInboundGateway({
          bus,
          service: integration.service,
          countries: options.countries ?? MEMBER_COUNTRIES,
          seen,
          clock: platform.clock,
          ...(options.maxBytes !== undefined ? { maxBytes: options.maxBytes } : {}),
          ...(options.groupId ? { groupId: options.groupId } : {}),
          // dead letters and failures are warnings; routine lines (processed, redelivered) are info
          logger: gatewayLogger,
          ...(this.metrics ? { onDeadLetter: this.metrics.onDeadLetter } : {}),
          toCommand: integration.inbound(get, platform),
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
 * A service's Kafka integration: its relay and, when it has an inbound adapter, the inbound gateway for
 * national systems. `IntegrationModule.forService(integration, options)`.
 */
@Module({})
export class IntegrationModule {
  static forService(integration: ServiceIntegration, options: IntegrationOptions = {}): DynamicModule {
    return {
      module: IntegrationModule,
      providers: [
        { provide: SERVICE_INTEGRATION, useValue: integration },
        { provide: INTEGRATION_OPTIONS, useValue: options },
        IntegrationService,
        {
          provide: LAG_SOURCES,
          inject: [IntegrationService],
          useFactory: (service: IntegrationService): LagSource[] =>
            options.relay === false ? [] : [relayLagSource(service.relayName, () => service.runningRelay)],
        },
      ],
      exports: [IntegrationService],
    };
  }
}
