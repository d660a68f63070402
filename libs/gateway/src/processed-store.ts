import type { CountryCode } from '@crm/kernel';

/**
 * One inbound message the gateway has processed (its outcome was published). Keyed by consumer, country
 * and CloudEvents id: CloudEvents makes `source` + `id` unique, and the gateway only accepts
 * `source = /national/<country>`, so (country, id) identifies a national system's message.
 */
export interface ProcessedRecord {
  consumer: string;
  country: CountryCode;
  eventId: string;
  /** Where the accepted record was read: a redelivery of the very same record is recognised and skipped. */
  topic: string;
  partition: number;
  offset: string;
  /** The outcome event type published for it, e.g. `plan.report.submission-outcome`. */
  outcomeType: string;
}

/** The gateway's processed-id store (idempotency of inbound messages). */
export interface ProcessedStore {
  find(consumer: string, country: CountryCode, eventId: string): Promise<ProcessedRecord | null>;
  /** Idempotent: marking an id twice keeps the first record. */
  markProcessed(record: ProcessedRecord): Promise<void>;
}

/** In-process store for unit tests. */
export class MemoryProcessedStore implements ProcessedStore {
  private readonly records = new Map<string, ProcessedRecord>();

  async find(consumer: string, country: CountryCode, eventId: string): Promise<ProcessedRecord | null> {
    return this.records.get(key(consumer, country, eventId)) ?? null;
  }

  async markProcessed(record: ProcessedRecord): Promise<void> {
    const k = key(record.consumer, record.country, record.eventId);
    if (!this.records.has(k)) this.records.set(k, { ...record });
  }

  get size(): number {
    return this.records.size;
  }
}

function key(consumer: string, country: string, eventId: string): string {
  return `${consumer}\u0000${country}\u0000${eventId}`;
}
