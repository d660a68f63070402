import type { CountryCode } from '@crm/kernel';
import { isReportEventType, type ReportEvent } from '../../reports/domain/events';
import { parseReportStreamName, type ReportKey } from '../../reports/domain/stream';
import { instantOrThrow, type ReviewEvent } from './input';

export interface ReportStreamEvents {
  streamName: string;
  key: ReportKey;
  /** In stream order, each with its position in the input (for stable chronological merging). */
  events: Array<{ event: ReviewEvent; index: number; recordedAt: number }>;
}

/**
 * Picks the report events out of any mix of events (other categories and unknown types are ignored,
 * duplicates by event id are dropped), optionally only those recorded at or before `upTo` and of one
 * country, grouped per report stream in stream order.
 */
export function reportStreams(
  events: Iterable<ReviewEvent>,
  options: { upTo?: number; country?: CountryCode } = {},
): ReportStreamEvents[] {
  const streams = new Map<string, ReportStreamEvents>();
  const seen = new Set<string>();
  let index = 0;
  for (const event of events) {
    const i = index++;
    if (!isReportEventType(event.type)) continue;
    const key = parseReportStreamName(event.streamName);
    if (!key) continue;
    if (options.country && key.country !== options.country) continue;
    const recordedAt = instantOrThrow(
      event.metadata?.recordedAt,
      `recordedAt of event ${event.metadata?.eventId}`,
    );
    if (options.upTo !== undefined && recordedAt > options.upTo) continue;
    if (seen.has(event.metadata.eventId)) continue;
    seen.add(event.metadata.eventId);
    let stream = streams.get(event.streamName);
    if (!stream) {
      stream = { streamName: event.streamName, key, events: [] };
      streams.set(event.streamName, stream);
    }
    stream.events.push({ event, index: i, recordedAt });
  }
  for (const stream of streams.values()) {
    if (stream.events.every((e) => typeof e.event.revision === 'number')) {
      stream.events.sort((a, b) => (a.event.revision as number) - (b.event.revision as number));
    }
  }
  return [...streams.values()];
}

export function asReportEvent(event: ReviewEvent): ReportEvent {
  return { type: event.type, data: event.data } as ReportEvent;
}

const collator = new Intl.Collator('en', { numeric: true });

/** Activity ids in catalogue order (IV.1.1.2 before IV.1.1.10), then periods, then countries. */
export function compareKeys(a: ReportKey, b: ReportKey): number {
  return (
    collator.compare(a.activityId, b.activityId) ||
    a.period.localeCompare(b.period) ||
    a.country.localeCompare(b.country)
  );
}
