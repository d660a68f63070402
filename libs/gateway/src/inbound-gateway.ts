import { uuidV5 } from '@crm/decider';
import {
  CE_HEADERS,
  checkInboundMessage,
  DEFAULT_INBOUND_MAX_BYTES,
  deadLetterTopic,
  encodeIntegrationEvent,
  inboundTopic,
  outboundTopic,
  parseTopic,
  type ContractName,
  type EncodeInput,
  type IntegrationEvent,
  type ServiceName,
} from '@crm/contracts';
import {
  logPortOf,
  MEMBER_COUNTRIES,
  systemClock,
  type Clock,
  type CountryCode,
  type LogPort,
} from '@crm/kernel';
import { sleep, type Bus, type ConsumeOptions, type Consumer, type IncomingMessage } from '@crm/messaging';
import { createLogger } from '@crm/pii';
import type { ProcessedStore } from './processed-store';
import { ensureTopicsRetrying } from './ensure-topics';
import { InboundRejectedError } from './rejection';

/** The outbound integration event a command's result becomes (accepted or rejected: the service decides). */
export interface GatewayOutcome {
  /** Contract name and version of the outcome event, e.g. `plan.report.submission-outcome` v1. */
  type: ContractName;
  version: number;
  /** Validated against the contract before anything is published. */
  data: unknown;
  /** Partition key (e.g. the report's stream id, so it is ordered with that report's other events). */
  key: string;
  subject?: string;
}

export interface InboundContext {
  /** The country of the topic the message came from (already checked against the declared country). */
  country: CountryCode;
  message: IncomingMessage;
}

export interface InboundGatewayOptions {
  bus: Bus;
  service: ServiceName;
  /** Countries whose inbound topic is consumed (default: the 11 member countries). */
  countries?: readonly CountryCode[];
  /** Largest accepted record value in bytes (default 256 KiB). */
  maxBytes?: number;
  /** Processed-id store (idempotency and the `duplicate_id` check). */
  seen: ProcessedStore;
  /**
   * Runs the command for a valid message and returns the outcome event. Business refusals are returned
   * as a (rejected) outcome, not thrown. Called with `event.id` as the idempotency key: it must be safe to
   * call again for the same event (a crash between the command and the outcome replays it).
   * A thrown error is retried by the bus and finally dead-lettered as `handler_failed`.
   */
  toCommand: (event: IntegrationEvent, context: InboundContext) => Promise<GatewayOutcome>;
  /** Where the outcome goes (default: the country's outbound topic `crm.<country>.out.<service>`). */
  outcomeTopic?: (country: CountryCode) => string;
  /** Consumer group (default `crm.<service>.inbound-gateway`); also the processed-id store's consumer name. */
  groupId?: string;
  clock?: Clock;
  /** Handler attempts before an unexpected error is dead-lettered (bus default when absent). */
  maxAttempts?: number;
  /**
   * One entry per refused (warn) or processed (info) message: code, topic, partition, offset. Never the
   * payload. Default: the redacting logger of @crm/pii (name `gateway`).
   */
  logger?: LogPort;
  /** Legacy line callback (every entry as one line), used when `logger` is absent. */
  log?: (line: string) => void;
  /** Told about every dead letter the bus wrote for the gateway's topics (metrics). */
  onDeadLetter?: ConsumeOptions['onDeadLetter'];
}

export interface InboundGateway {
  readonly topics: string[];
  readonly groupId: string;
  stop(): Promise<void>;
}

/** Attempts to start (join) the consumer before giving up. */
const JOIN_ATTEMPTS = 3;

/** Namespace of outcome ids: outcome id = uuidV5(`<country>/<request id>`), the same on every replay. */
export const OUTCOME_ID_NAMESPACE = '0b7f4a52-9a39-4e8e-b7a4-3c1f2e9d6a11';

export function outcomeIdOf(country: CountryCode, requestId: string): string {
  return uuidV5(`${country}/${requestId}`, OUTCOME_ID_NAMESPACE);
}

/** Every topic the gateway reads or writes (for `Bus.ensureTopics`). */
export function gatewayTopics(
  service: ServiceName,
  countries: readonly CountryCode[] = MEMBER_COUNTRIES,
  outcomeTopic = (c: CountryCode) => outboundTopic(c, service),
): string[] {
  return [
    ...new Set(
      countries.flatMap((c) => [
        inboundTopic(c, service),
        deadLetterTopic(inboundTopic(c, service)),
        outcomeTopic(c),
      ]),
    ),
  ];
}

/**
 * The inbound gateway for national systems: consumes `crm.<country>.in.<service>` of every country and
 *   1. refuses what `checkInboundMessage` refuses (size, CloudEvents headers, type/version, declared country
 *      vs topic, JSON, schema, duplicate id) by throwing `PoisonMessageError`: the bus writes the original
 *      with the code and es/en reason to `<topic>.dlq`, commits, and goes on. Nothing is applied;
 *   2. runs the command of a valid message (`toCommand`, idempotent by the CloudEvents id);
 *   3. publishes the outcome event (id derived from the request id) to the country's outbound topic;
 *   4. records the id as processed, only after the outcome was acknowledged.
 * A redelivery of a record already processed (same topic, partition, offset) is skipped silently; the same
 * id in another record is a `duplicate_id` dead letter.
 */
export async function startInboundGateway(options: InboundGatewayOptions): Promise<InboundGateway> {
  const { bus, service, seen } = options;
  const countries = options.countries ?? MEMBER_COUNTRIES;
  const maxBytes = options.maxBytes ?? DEFAULT_INBOUND_MAX_BYTES;
  const outcomeTopic = options.outcomeTopic ?? ((c: CountryCode) => outboundTopic(c, service));
  const groupId = options.groupId ?? `crm.${service}.inbound-gateway`;
  const clock = options.clock ?? systemClock;
  const logger = logPortOf(options, () => createLogger('gateway'));
  const where = (message: IncomingMessage) => ({
    service,
    topic: message.topic,
    partition: message.partition,
    offset: message.offset,
  });
  const topics = countries.map((c) => inboundTopic(c, service));

  await ensureTopicsRetrying(bus, gatewayTopics(service, countries, outcomeTopic));

  const handler = async (message: IncomingMessage): Promise<void> => {
    const parsed = parseTopic(message.topic);
    if (!parsed || parsed.country === null || parsed.direction !== 'in')
      throw new Error(`inbound gateway: unexpected topic ${message.topic}`);
    const country = parsed.country;
    const id = message.headers[CE_HEADERS.id];
    const previous =
      typeof id === 'string' && id.trim() !== '' ? await seen.find(groupId, country, id) : null;
    if (
      previous &&
      previous.topic === message.topic &&
      previous.partition === message.partition &&
      previous.offset === message.offset
    ) {
      logger.info?.(where(message), `[gateway ${service}] redelivered record already processed: skipped`);
      return;
    }

    const checked = checkInboundMessage(
      { topic: message.topic, headers: message.headers, value: message.value, maxBytes },
      (x) => previous !== null && x === id,
    );
    if (!checked.ok) {
      logger.warn({ ...where(message), code: checked.code }, `[gateway ${service}] dead letter`);
      throw new InboundRejectedError(checked);
    }

    const event = checked.event;
    const outcome = await options.toCommand(event, { country, message });
    const encoded = encodeIntegrationEvent({
      type: outcome.type,
      version: outcome.version,
      data: outcome.data,
      country,
      id: outcomeIdOf(country, event.id),
      time: clock(),
      ...(outcome.subject !== undefined ? { subject: outcome.subject } : {}),
    } as EncodeInput<ContractName, never>);
    await bus.publish([
      { topic: outcomeTopic(country), key: outcome.key, value: encoded.value, headers: encoded.headers },
    ]);
    await seen.markProcessed({
      consumer: groupId,
      country,
      eventId: event.id,
      topic: message.topic,
      partition: message.partition,
      offset: message.offset,
      outcomeType: outcome.type,
    });
    logger.info?.({ ...where(message), outcome: outcome.type }, `[gateway ${service}] processed`);
  };

  const consumeOptions: ConsumeOptions = {
    groupId,
    topics,
    handler,
    ...(options.maxAttempts !== undefined ? { maxAttempts: options.maxAttempts } : {}),
    ...(options.onDeadLetter ? { onDeadLetter: options.onDeadLetter } : {}),
  };
  // A fresh broker may still be loading its group coordinator: joining is retried a few times.
  let consumer: Consumer | undefined;
  for (let attempt = 1; !consumer; attempt++) {
    try {
      consumer = await bus.consume(consumeOptions);
    } catch (error) {
      if (attempt >= JOIN_ATTEMPTS) throw error;
      logger.warn(
        { service, attempt, error: (error as Error).message },
        `[gateway ${service}] consumer start failed, retrying`,
      );
      await sleep(1_000 * attempt);
    }
  }

  let stopped: Promise<void> | null = null;
  return {
    topics,
    groupId,
    stop: () => (stopped ??= consumer!.stop()),
  };
}
