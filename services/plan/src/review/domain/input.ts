import { ValidationError } from '@crm/kernel';

/** Who caused an event, as stored in its metadata. */
export interface ReviewActor {
  subject: string;
  role: string;
  country: string;
  institution?: string;
}

/**
 * The least the review needs of a recorded event. `RecordedEvent` from `@crm/event-store` is assignable
 * to it (checked in review.spec.ts), so callers pass what the store returns.
 */
export interface ReviewEvent {
  streamName: string;
  type: string;
  data: unknown;
  /** When present, events of a stream are ordered by it; otherwise the input order is kept. */
  revision?: number;
  metadata: {
    eventId: string;
    /** Set by the store when appended: the as-of clock. */
    recordedAt: string;
    /** When it happened in the world (may be earlier than recordedAt). */
    occurredAt: string;
    actor: ReviewActor;
  };
}

export function instantOrThrow(value: Date | string, what: string): number {
  const t = (typeof value === 'string' ? new Date(value) : value).getTime();
  if (typeof t !== 'number' || Number.isNaN(t)) {
    throw new ValidationError(
      'plan.review.invalid_instant',
      {
        es: `Instante inválido para ${what}: "${String(value)}".`,
        en: `Invalid instant for ${what}: "${String(value)}".`,
      },
      { what, value: String(value) },
    );
  }
  return t;
}
