/**
 * Topic layout. The country is the second segment, so a Kafka ACL with PREFIXED resource patterns
 * confines each national system to its own country's data (see README, "Topics and ACL"):
 *
 *   crm.<COUNTRY>.out.<service>   platform -> that country: events concerning that country
 *   crm.<COUNTRY>.in.<service>    that country's national system -> platform (untrusted)
 *   crm.regional.<service>        network-wide events that concern no single country (never a country's data)
 *   <topic>.dlq                   dead letters of <topic> (written by the consumer, with the reason)
 *
 * Country codes are upper case as in ISO 3166-1 (`crm.HN.out.plan`). An event concerning a country is
 * published only on that country's `out` topic (one copy per concerned country); the Secretariat reads
 * every country's `out` topics with its own principal (`kafkaSecretariatAclCommands`). A deployment
 * may prefix every topic and group with its `topicNamespace` (`staging.crm.HN.out.plan`).
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

/**
 * The outbound topics of an event concerning these countries: one per distinct country (a country's data
 * goes only to the topics that country's ACL, and the Secretariat's, may read).
 */
export function outboundTopics(countries: readonly CountryCode[], service: ServiceName): string[] {
  if (countries.length === 0) throw new Error('a country-scoped event concerns at least one country');
  return [...new Set(countries)].map((c) => outboundTopic(c, service));
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
 * Deployment prefix of every topic and consumer group (`topicNamespace`, e.g. `staging.`): letters, digits,
 * `_` or `-`, ending with a dot. The layout after it is unchanged.
 */
export const TOPIC_NAMESPACE = /^[A-Za-z0-9_-]{1,40}\.$/;

/** Throws when `namespace` is not a valid `topicNamespace` (the ACL generators and the namespaced bus agree). */
export function assertTopicNamespace(namespace: string): void {
  if (!TOPIC_NAMESPACE.test(namespace))
    throw new Error(`invalid topic namespace "${namespace}": letters, digits, _ or -, ending with "."`);
}

export interface KafkaAclOptions {
  /** `--bootstrap-server` of the commands (default `kafka:9092`). */
  bootstrap?: string;
  /** The deployment's `topicNamespace` (e.g. `staging.`): prefixes every topic and group pattern. */
  namespace?: string;
}

/** The Kafka principal of a country's national system: `User:national-hn`. */
export function nationalPrincipal(country: CountryCode): string {
  assertCountry(country);
  return `User:national-${country.toLowerCase()}`;
}

/** The Kafka principal of the Technical Secretariat's consumers (dashboards, regional read models). */
export const SECRETARIAT_PRINCIPAL = 'User:secretariat';

function aclContext(principal: string, options: KafkaAclOptions) {
  const { bootstrap = 'kafka:9092', namespace = '' } = options;
  if (namespace !== '') assertTopicNamespace(namespace);
  const cmd = `kafka-acls.sh --bootstrap-server ${bootstrap} --add --allow-principal ${principal}`;
  const read = (topic: string, pattern: 'prefixed' | 'literal') =>
    `${cmd} --operation Read --operation Describe --topic ${namespace}${topic} --resource-pattern-type ${pattern}`;
  const write = (topic: string) =>
    `${cmd} --operation Write --operation Describe --topic ${namespace}${topic} --resource-pattern-type literal`;
  const group = (prefix: string) =>
    `${cmd} --operation Read --group ${namespace}${prefix} --resource-pattern-type prefixed`;
  return { read, write, group };
}

/**
 * The `kafka-acls.sh` commands that confine one national system's principal to its country:
 * read its own `out` topics (PREFIXED `crm.<C>.out.`, their dead letters included) and the regional ones
 * (`crm.regional.`: network-wide events only, never a country's data), read its own inbound dead letters
 * (LITERAL `crm.<C>.in.<service>.dlq`), write only its own `in` topics (LITERAL, so it cannot write into
 * their `.dlq`), consumer groups under its own prefix. `namespace` prefixes every pattern.
 */
export function kafkaAclCommands(
  country: CountryCode,
  services: readonly ServiceName[],
  options: KafkaAclOptions = {},
): string[] {
  const { read, write, group } = aclContext(nationalPrincipal(country), options);
  return [
    read(`${TOPIC_PREFIX}.${country}.out.`, 'prefixed'),
    read(`${TOPIC_PREFIX}.${REGIONAL}.`, 'prefixed'),
    ...services.map((s) => read(deadLetterTopic(inboundTopic(country, s)), 'literal')),
    ...services.map((s) => write(inboundTopic(country, s))),
    group(`national-${country.toLowerCase()}.`),
  ];
}

/**
 * The `kafka-acls.sh` commands of the Secretariat's principal (`User:secretariat`), which needs every
 * country's events: read every member country's `out` topics (PREFIXED `crm.<C>.out.`, one line per
 * country) and the regional ones; consumer groups under `secretariat.`. No national-system ACL grants
 * these to another country. It writes nothing and never reads the untrusted `in` topics.
 */
export function kafkaSecretariatAclCommands(options: KafkaAclOptions = {}): string[] {
  const { read, group } = aclContext(SECRETARIAT_PRINCIPAL, options);
  return [
    ...MEMBER_COUNTRIES.map((c) => read(`${TOPIC_PREFIX}.${c}.out.`, 'prefixed')),
    read(`${TOPIC_PREFIX}.${REGIONAL}.`, 'prefixed'),
    group('secretariat.'),
  ];
}
