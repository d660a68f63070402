import { randomUUID } from 'node:crypto';
import { isJurisdiction, type Jurisdiction } from '@crm/kernel';
import type { ContractDefinition } from './contract';
import {
  CE_HEADERS,
  CE_SPECVERSION,
  CONTENT_TYPE_HEADER,
  fromKafkaHeaders,
  toKafkaHeaders,
  type CloudEvent,
} from './cloudevents';
import { ContractViolationError, UnknownContractError } from './errors';
import { ceTypeOf, contractKey, parseCeType, schemaIdOf } from './naming';
import { ALL_CONTRACTS, findContract, type ContractName, type DataOf, type VersionOf } from './registry';
import { reject, type Rejection } from './rejection';
import { validateEvent } from './validation';

export const JSON_CONTENT_TYPE = 'application/json';

/** An integration event as read from (or written to) a Kafka record. */
export interface IntegrationEvent<T = unknown> {
  id: string;
  /** Logical name, e.g. `plan.report.submitted`. */
  type: string;
  version: number;
  /** The CloudEvents `type`, e.g. `org.crm.plan.report.submitted.v1`. */
  ceType: string;
  source: string;
  time?: string;
  subject?: string;
  /** The `crmcountry` extension: the jurisdiction the event concerns. */
  country: Jurisdiction;
  dataschema: string;
  data: T;
}

export interface EncodeInput<N extends ContractName, V extends VersionOf<N>> {
  type: N;
  version: V;
  data: DataOf<N, V>;
  /** The jurisdiction the event concerns (`ST` for network-wide events). */
  country: Jurisdiction;
  subject?: string;
  /** Defaults to a random UUID; relays pass the domain event id (the idempotency key). */
  id?: string;
  /** Defaults to now. */
  time?: string | Date;
  /** Defaults to `/crm/<service>` (outbound) or `/national/<country>` (inbound). */
  source?: string;
}

export interface EncodedMessage {
  headers: Record<string, string>;
  value: Buffer;
}

export function defaultSource(
  contract: Pick<ContractDefinition, 'direction' | 'service'>,
  country: Jurisdiction,
): string {
  return contract.direction === 'inbound' ? `/national/${country}` : `/crm/${contract.service}`;
}

/** The `country` property of a payload, when its contract has one. */
function payloadCountry(data: unknown): unknown {
  return typeof data === 'object' && data !== null && !Array.isArray(data)
    ? (data as Record<string, unknown>).country
    : undefined;
}

/**
 * Validates the payload against its contract, then builds the binary-mode record: JSON value and
 * CloudEvents headers. Throws `ContractViolationError` (es/en) when invalid: nothing is produced.
 */
export function encodeIntegrationEvent<N extends ContractName, V extends VersionOf<N>>(
  input: EncodeInput<N, V>,
): EncodedMessage {
  const contract = findContract(input.type, input.version);
  if (!contract) throw new UnknownContractError(contractKey(input.type, input.version));
  const key = contractKey(contract.name, contract.version);
  const result = validateEvent(key, input.data);
  if (!result.ok) throw new ContractViolationError(key, result.problems);
  if (!isJurisdiction(input.country)) {
    throw new ContractViolationError(key, [
      {
        path: '',
        keyword: 'crmcountry',
        message: `"${String(input.country)}" is not a member country or ST`,
        schemaPath: '',
      },
    ]);
  }
  const declared = payloadCountry(input.data);
  if (declared !== undefined && declared !== input.country) {
    throw new ContractViolationError(key, [
      {
        path: '/country',
        keyword: 'crmcountry',
        message: `payload country ${String(declared)} differs from ${input.country}`,
        schemaPath: '',
      },
    ]);
  }
  const time =
    input.time === undefined
      ? new Date().toISOString()
      : typeof input.time === 'string'
        ? input.time
        : input.time.toISOString();
  const ce: CloudEvent = {
    specversion: CE_SPECVERSION,
    id: input.id ?? randomUUID(),
    source: input.source ?? defaultSource(contract, input.country),
    type: ceTypeOf(contract.name, contract.version),
    time,
    datacontenttype: JSON_CONTENT_TYPE,
    dataschema: schemaIdOf(contract.name, contract.version),
    crmcountry: input.country,
  };
  if (input.subject !== undefined) ce.subject = input.subject;
  return { headers: toKafkaHeaders(ce), value: Buffer.from(JSON.stringify(input.data), 'utf8') };
}

/** Headers checked and the contract found; the body not read yet. */
export interface Envelope {
  ce: CloudEvent;
  country: Jurisdiction;
  contract: ContractDefinition;
}

/** Step 1: CloudEvents headers, our required extension and content type, type and version. */
export function readEnvelope(
  headers: Readonly<Record<string, string | undefined>>,
): { ok: true; envelope: Envelope } | Rejection {
  const read = fromKafkaHeaders(headers);
  if (!read.ok) return reject(read.code, { header: read.header, reason: read.reason });
  const ce = read.event;
  if (ce.crmcountry === undefined)
    return reject('missing_cloudevents_header', { header: CE_HEADERS.crmcountry });
  if (!isJurisdiction(ce.crmcountry))
    return reject('invalid_cloudevents_header', {
      header: CE_HEADERS.crmcountry,
      reason: 'not a member country code or ST',
    });
  if (ce.datacontenttype === undefined)
    return reject('missing_cloudevents_header', { header: CONTENT_TYPE_HEADER });
  if (!/^application\/json\s*(;\s*charset=utf-8\s*)?$/i.test(ce.datacontenttype)) {
    return reject('invalid_cloudevents_header', {
      header: CONTENT_TYPE_HEADER,
      reason: `only ${JSON_CONTENT_TYPE} is accepted`,
    });
  }
  const parsed = parseCeType(ce.type);
  if (!parsed) return reject('unknown_type', { type: ce.type });
  const contract = findContract(parsed.name, parsed.version);
  if (!contract) {
    const known = ALL_CONTRACTS.filter((c) => c.name === parsed.name).map((c) => `v${c.version}`);
    if (known.length === 0) return reject('unknown_type', { type: ce.type });
    return reject('unknown_version', {
      type: ce.type,
      name: parsed.name,
      version: parsed.version,
      known: known.join(', '),
    });
  }
  if (ce.dataschema !== undefined && ce.dataschema !== schemaIdOf(contract.name, contract.version)) {
    return reject('invalid_cloudevents_header', {
      header: CE_HEADERS.dataschema,
      reason: `expected ${schemaIdOf(contract.name, contract.version)}`,
    });
  }
  return { ok: true, envelope: { ce, country: ce.crmcountry, contract } };
}

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Step 2: the value as UTF-8 JSON, validated against the contract; payload country = declared country. */
export function readPayload(
  envelope: Envelope,
  value: Uint8Array,
): { ok: true; event: IntegrationEvent } | Rejection {
  const { ce, contract } = envelope;
  const key = contractKey(contract.name, contract.version);
  let data: unknown;
  try {
    data = JSON.parse(UTF8.decode(value));
  } catch (error) {
    return reject('invalid_json', { reason: error instanceof SyntaxError ? 'syntax error' : 'not UTF-8' });
  }
  const result = validateEvent(key, data);
  if (!result.ok) {
    const first = result.problems[0];
    return reject('schema_violation', {
      type: key,
      path: first?.path ?? '',
      keyword: first?.keyword,
      reason: first?.message ?? 'invalid',
      problems: result.problems,
    });
  }
  const declared = payloadCountry(data);
  if (declared !== undefined && declared !== envelope.country) {
    return reject('country_mismatch', { declared, where: 'data.country', expected: envelope.country });
  }
  const event: IntegrationEvent = {
    id: ce.id,
    type: contract.name,
    version: contract.version,
    ceType: ce.type,
    source: ce.source,
    country: envelope.country,
    dataschema: schemaIdOf(contract.name, contract.version),
    data,
  };
  if (ce.time !== undefined) event.time = ce.time;
  if (ce.subject !== undefined) event.subject = ce.subject;
  return { ok: true, event };
}

export type DecodeResult = { ok: true; event: IntegrationEvent } | Rejection;

/** Reads a consumed record: headers, contract, JSON, schema, country consistency. Never throws on bad input. */
export function decodeIntegrationEvent(message: {
  headers: Readonly<Record<string, string | undefined>>;
  value: Uint8Array;
}): DecodeResult {
  const envelope = readEnvelope(message.headers);
  if (!envelope.ok) return envelope;
  return readPayload(envelope.envelope, message.value);
}

/** Narrows a decoded event to one contract's payload type. */
export function isEventOf<N extends ContractName, V extends VersionOf<N>>(
  event: IntegrationEvent,
  type: N,
  version: V,
): event is IntegrationEvent<DataOf<N, V>> {
  return event.type === type && event.version === version;
}
