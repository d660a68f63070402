import type { IHeaders, KafkaMessage, Message } from 'kafkajs';
import type { IncomingMessage, MessageHeaders, OutgoingMessage } from '@crm/messaging';

export function toKafkaMessage(m: OutgoingMessage): Message {
  return { key: m.key, value: m.value, headers: { ...(m.headers ?? {}) } };
}

function headerText(v: IHeaders[string]): string | undefined {
  if (v === undefined) return undefined;
  const last = Array.isArray(v) ? v[v.length - 1] : v;
  return last === undefined ? undefined : Buffer.isBuffer(last) ? last.toString('utf8') : String(last);
}

export function toIncoming(topic: string, partition: number, m: KafkaMessage): IncomingMessage {
  const headers: MessageHeaders = {};
  for (const [name, raw] of Object.entries(m.headers ?? {})) {
    const v = headerText(raw);
    if (v !== undefined) headers[name] = v;
  }
  return {
    topic,
    key: m.key ? m.key.toString('utf8') : null,
    value: m.value ?? Buffer.alloc(0),
    headers,
    partition,
    offset: m.offset,
  };
}

/** The offset to commit after handling `offset`: Kafka stores the next offset to read. */
export function nextOffset(offset: string): string {
  return (BigInt(offset) + 1n).toString();
}

/** Groups messages by topic, keeping each topic's messages in call order (order per key). */
export function byTopic(messages: OutgoingMessage[]): Array<{ topic: string; messages: Message[] }> {
  const groups = new Map<string, Message[]>();
  for (const m of messages) {
    const list = groups.get(m.topic) ?? [];
    list.push(toKafkaMessage(m));
    groups.set(m.topic, list);
  }
  return [...groups].map(([topic, list]) => ({ topic, messages: list }));
}
