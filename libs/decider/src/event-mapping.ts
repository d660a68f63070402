import type { Actor, NewEvent, RecordedEvent } from '@crm/event-store';
import type { CountryCode } from '@crm/kernel';
import type { DomainEvent } from './decider';

/** Who sends a command and why: the source of every event's metadata. */
export interface CommandEnvelope {
  /** Client-chosen id of the command (UUID recommended). A retry with the same id is idempotent. */
  commandId: string;
  actor: Actor;
  /** Countries the resulting events concern (default for every event; `toNewEvent` may refine). */
  countries: CountryCode[];
  correlationId: string;
  /**
   * What caused the command (e.g. the integration event a process manager reacted to). The events'
   * causationId is this when given, else the commandId (the command caused them).
   */
  causationId?: string | null;
}

/** What the command handler knows when it turns the `index`-th decided event into a NewEvent. */
export interface EventMappingContext {
  eventId: string;
  index: number;
  envelope: CommandEnvelope;
  /** The decision instant: becomes occurredAt. */
  now: Date;
}

export type ToNewEvent<Event extends DomainEvent> = (event: Event, context: EventMappingContext) => NewEvent;
export type FromRecorded<Event extends DomainEvent> = (recorded: RecordedEvent) => Event;

/** The default mapping: metadata from the envelope, occurredAt = decision time, schemaVersion default 1. */
export function toNewEvent<Event extends DomainEvent>(event: Event, ctx: EventMappingContext): NewEvent {
  return {
    eventId: ctx.eventId,
    type: event.type,
    schemaVersion: event.schemaVersion ?? 1,
    data: event.data,
    occurredAt: ctx.now.toISOString(),
    actor: ctx.envelope.actor,
    countries: [...ctx.envelope.countries],
    correlationId: ctx.envelope.correlationId,
    causationId: ctx.envelope.causationId ?? ctx.envelope.commandId,
  };
}

/**
 * A recorded event back as the domain event the decider folds. The caller states the event union it
 * expects (`toDomainEvent<ReportEvent>(r)`); upcasting of old schema versions belongs in a custom
 * `FromRecorded` that looks at `schemaVersion`.
 */
export function toDomainEvent<Event extends DomainEvent = DomainEvent>(recorded: RecordedEvent): Event {
  return {
    type: recorded.type,
    data: recorded.data,
    schemaVersion: recorded.metadata.schemaVersion,
  } as Event;
}
