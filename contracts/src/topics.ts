/**
 * Topic layout. The country is the second segment, so a Kafka ACL with PREFIXED resource patterns
 * confines each national system to its own country's data (see README, "Topics and ACL"):
 *
 *   crm.<COUNTRY>.out.<service>   platform -> that country: events concerning that country
 *   crm.<COUNTRY>.in.<service>    that country's national system -> platform (untrusted)
 *   crm.regional.<service>        network-wide events that concern no single country
 *   <topic>.dlq                   dead letters of <topic> (written by the consumer, with the reason)
 *
 * Country codes are upper case as in ISO 3166-1 (`crm.HN.out.plan`).
 */
import { isCountryCode, type CountryCode } from '@crm/kernel';
import { MEMBER_COUNTRIES } from '@crm/kernel';
import type { ContractDefinition } from './contract';
import { isServiceName, type ServiceName } from './naming';

export const TOPIC_PREFIX = 'crm';
export const REGIONAL = 'regional';
export const DLQ_SUFFIX = '.dlq';

export type TopicDirection = 'out' | 'in' | 'regional';

export interface ParsedTopic {
  /** null for regional topics. */
  country: CountryCode | null;
  direction: TopicDirection;
  service: ServiceName;
  deadLetter: boolean;
}

function assertService(service: string): asserts service is ServiceName {
  if (!isServiceName(service)) throw new Error(`unknown service "${service}"`);
}

function assertCountry(country: string): asserts country is CountryCode {
  if (!isCountryCode(country)) throw new Error(`unknown member country "${country}"`);
}

export function outboundTopic(country: CountryCode, service: ServiceName): string {
  assertCountry(country);
  assertService(service);
  return `${TOPIC_PREFIX}.${country}.out.${service}`;
}

export function inboundTopic(country: CountryCode, service: ServiceName): string {
  assertCountry(country);
  assertService(service);
  return `${TOPIC_PREFIX}.${country}.in.${service}`;
}

export function regionalTopic(service: ServiceName): string {
  assertService(service);
  return `${TOPIC_PREFIX}.${REGIONAL}.${service}`;
}

export function deadLetterTopic(topic: string): string {
  if (topic.endsWith(DLQ_SUFFIX)) throw new Error(`"${topic}" is already a dead-letter topic`);
  return `${topic}${DLQ_SUFFIX}`;
}

const COUNTRY_TOPIC = /^crm\.([A-Z]{2})\.(out|in)\.([a-z]+)(\.dlq)?$/;
const REGIONAL_TOPIC = /^crm\.regional\.([a-z]+)(\.dlq)?$/;

/** {country, direction, service, deadLetter} of a topic of this layout, or null. */
export function parseTopic(topic: string): ParsedTopic | null {
  const c = COUNTRY_TOPIC.exec(topic);
  if (c) {
    const [, country, direction, service, dlq] = c;
    if (!isCountryCode(country) || !isServiceName(service)) return null;
    return { country, direction: direction as 'out' | 'in', service, deadLetter: dlq !== undefined };
  }
  const r = REGIONAL_TOPIC.exec(topic);
  if (r) {
    const [, service, dlq] = r;
    if (!isServiceName(service)) return null;
    return { country: null, direction: 'regional', service, deadLetter: dlq !== undefined };
  }
  return null;
}

/** Where an event of this contract travels: per-country out/in topic, or the regional topic. */
export function topicFor(
  contract: Pick<ContractDefinition, 'service' | 'direction' | 'scope'>,
  country?: CountryCode,
): string {
  if (contract.scope === 'regional') return regionalTopic(contract.service);
  if (!country) throw new Error('a country-scoped event needs its country to choose a topic');
  return contract.direction === 'inbound'
    ? inboundTopic(country, contract.service)
    : outboundTopic(country, contract.service);
}

/** Every topic of a service (for `Bus.ensureTopics`), dead-letter topics included when asked. */
export function topicsOf(service: ServiceName, options: { deadLetters?: boolean } = {}): string[] {
  const base = [
    ...MEMBER_COUNTRIES.flatMap((c) => [outboundTopic(c, service), inboundTopic(c, service)]),
    regionalTopic(service),
  ];
  return options.deadLetters ? base.flatMap((t) => [t, deadLetterTopic(t)]) : base;
}

/**
 * The `kafka-acls.sh` commands that confine one national system's principal to its country:
 * read its own `out` topics and the regional ones (PREFIXED), write only its own `in` topics
 * (LITERAL, so it cannot write into their `.dlq`), consumer groups under its own prefix.
 */
export function kafkaAclCommands(
  country: CountryCode,
  services: readonly ServiceName[],
  bootstrap = 'kafka:9092',
): string[] {
  assertCountry(country);
  const principal = `User:national-${country.toLowerCase()}`;
  const cmd = `kafka-acls.sh --bootstrap-server ${bootstrap} --add --allow-principal ${principal}`;
  return [
    `${cmd} --operation Read --operation Describe --topic ${TOPIC_PREFIX}.${country}.out. --resource-pattern-type prefixed`,
    `${cmd} --operation Read --operation Describe --topic ${TOPIC_PREFIX}.${REGIONAL}. --resource-pattern-type prefixed`,
    ...services.map(
      (s) =>
        `${cmd} --operation Write --operation Describe --topic ${inboundTopic(country, s)} --resource-pattern-type literal`,
    ),
    `${cmd} --operation Read --group national-${country.toLowerCase()}. --resource-pattern-type prefixed`,
  ];
}
