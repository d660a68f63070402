/** Test helpers: domain events as the store would record them (revisions, positions, metadata). */
import type { RecordedEvent } from '@crm/event-store';
import type { DomainEvent } from '@crm/decider';

/** The decision instant of a domain event: its `…At` field (not a deadline such as `dueAt`). */
export function decisionInstant(event: DomainEvent): string {
  const data = event.data as Record<string, unknown>;
  const key = Object.keys(data).find(
    (k) => k.endsWith('At') && k !== 'dueAt' && k !== 'nextDueAt' && typeof data[k] === 'string',
  );
  if (!key) throw new Error(`no decision instant in ${event.type}`);
  return data[key] as string;
}

let position = 0n;

/** The events of one stream as recorded from revision `from` on, each occurring at its decision instant. */
export function recordedOf(streamName: string, events: readonly DomainEvent[], from = 0): RecordedEvent[] {
  return events.map((event, i) => {
    position += 1n;
    const at = decisionInstant(event);
    return {
      streamName,
      revision: from + i,
      position,
      type: event.type,
      data: event.data,
      metadata: {
        eventId: `${streamName}/${from + i}`,
        type: event.type,
        schemaVersion: 1,
        occurredAt: at,
        recordedAt: at,
        actor: { subject: 'test', role: 'protection_case_worker', country: 'HN' },
        countries: [],
        correlationId: 'test',
        causationId: null,
        previousHash: '',
        hash: '',
      },
    };
  });
}
