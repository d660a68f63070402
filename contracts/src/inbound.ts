/**
 * The gate for messages from national systems (untrusted). Pure: the consumer dead-letters what is
 * refused, with the code and the es/en message, and applies nothing of it.
 * Order of checks: size, CloudEvents headers, type/version (and that this topic accepts it), declared
 * country vs topic (header, source), JSON, schema, payload country, duplicate id.
 */
import { CE_HEADERS } from './cloudevents';
import { readEnvelope, readPayload, type IntegrationEvent } from './codec';
import { reject, type Rejection } from './rejection';
import { parseTopic } from './topics';

/** Default size limit of an inbound record value. */
export const DEFAULT_INBOUND_MAX_BYTES = 256 * 1024;

export interface InboundMessage {
  topic: string;
  headers: Readonly<Record<string, string | undefined>>;
  value: Uint8Array;
  maxBytes?: number;
}

export type InboundCheckResult = { ok: true; event: IntegrationEvent } | Rejection;

/** `seenIds(id)` says whether this event id was already accepted (the consumer's processed-id table). */
export function checkInboundMessage(
  message: InboundMessage,
  seenIds: (id: string) => boolean,
): InboundCheckResult {
  const topic = parseTopic(message.topic);
  if (!topic || topic.direction !== 'in' || topic.deadLetter || topic.country === null) {
    throw new Error(
      `checkInboundMessage: "${message.topic}" is not an inbound topic (crm.<COUNTRY>.in.<service>)`,
    );
  }
  const maxBytes = message.maxBytes ?? DEFAULT_INBOUND_MAX_BYTES;
  if (message.value.byteLength > maxBytes)
    return reject('too_large', { size: message.value.byteLength, maxBytes });

  const read = readEnvelope(message.headers);
  if (!read.ok) return read;
  const { envelope } = read;
  const { contract, ce } = envelope;
  if (contract.direction !== 'inbound' || contract.service !== topic.service)
    return reject('unknown_type', { type: ce.type, topic: message.topic });

  const expected = topic.country;
  if (envelope.country !== expected)
    return reject('country_mismatch', { declared: envelope.country, where: CE_HEADERS.crmcountry, expected });
  if (ce.source !== `/national/${expected}`)
    return reject('country_mismatch', {
      declared: ce.source,
      where: CE_HEADERS.source,
      expected: `/national/${expected}`,
    });

  const payload = readPayload(envelope, message.value);
  if (!payload.ok) return payload;
  if (seenIds(ce.id)) return reject('duplicate_id', { id: ce.id });
  return payload;
}

export type { Rejection };
