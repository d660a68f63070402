/** Kafka-style headers: CloudEvents binary-mode attributes travel here as `ce_*` headers. */
export type MessageHeaders = Record<string, string>;

export interface OutgoingMessage {
  topic: string;
  /** Partitioning key: messages with the same key are delivered in order. Relays use the stream id. */
  key: string;
  value: Buffer;
  headers?: MessageHeaders;
}

export interface IncomingMessage {
  topic: string;
  key: string | null;
  value: Buffer;
  headers: MessageHeaders;
  /** Partition (0 for adapters without partitions) and offset within it, as a decimal string. */
  partition: number;
  offset: string;
}

/** What a dead-letter topic receives: the original message untouched, plus why it was rejected. */
export interface DeadLetter {
  reason: string;
  /** Machine-readable code, e.g. `schema_violation`, `too_large`, `handler_failed`. */
  code: string;
  message: { es: string; en: string };
  original: {
    topic: string;
    key: string | null;
    partition: number;
    offset: string;
    headers: MessageHeaders;
    /** Base64 of the original value bytes. */
    valueBase64: string;
  };
  failedAt: string;
  attempts: number;
}

/** Thrown by a handler to send a message straight to the dead-letter topic without retrying. */
export class PoisonMessageError extends Error {
  constructor(
    readonly code: string,
    readonly text: { es: string; en: string },
  ) {
    super(text.en);
    this.name = 'PoisonMessageError';
  }
}

export interface ConsumeOptions {
  groupId: string;
  topics: string[];
  /** Topic name for rejects. Default: `<topic>.dlq` of the message's topic. */
  deadLetterTopic?: (topic: string) => string;
  /**
   * Called once per message, in key order (per partition), at least once. The offset is committed
   * only after it resolves. Throwing retries with back-off up to `maxAttempts`; a PoisonMessageError
   * or exhausting the attempts sends the message to the dead-letter topic and moves on.
   */
  handler: (message: IncomingMessage) => Promise<void>;
  maxAttempts?: number;
  /** Start from the earliest offset when the group has no committed offset (default true). */
  fromBeginning?: boolean;
  /**
   * Called once a message was durably written to its dead-letter topic (metrics, alerts). Receives the
   * topics and the dead letter's code, never the message body; must not throw.
   */
  onDeadLetter?: (event: DeadLetterEvent) => void;
}

/** What `onDeadLetter` is told about one dead letter. */
export interface DeadLetterEvent {
  topic: string;
  deadLetterTopic: string;
  code: string;
}

export interface Consumer {
  stop(): Promise<void>;
}

/** The bus port. Adapters: kafka (kafkajs), postgres (durable tables), memory (unit tests). */
export interface Bus {
  /** Resolves only once every message is durably acknowledged (Kafka: acks=all). Order per key is kept. */
  publish(messages: OutgoingMessage[]): Promise<void>;
  consume(options: ConsumeOptions): Promise<Consumer>;
  /** Creates the topics if the adapter needs it (idempotent). */
  ensureTopics(topics: string[]): Promise<void>;
  /** Readiness check: resolves when the bus answers now (a cheap round trip), rejects otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
