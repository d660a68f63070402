/**
 * Test helper for the review specs: runs report commands through the decider and records the events in
 * the in-memory event store (the real port, the real recorded-time and metadata), with a test clock.
 */
import type { DecisionContext } from '@crm/decider';
import { MemoryEventStore, type Actor, type RecordedEvent } from '@crm/event-store';
import { fixedClock, LocalizedError, type CountryCode } from '@crm/kernel';
import type { ReportCommand } from '../../reports/domain/commands';
import { reportDecider } from '../../reports/domain/decider';
import type { ReportState } from '../../reports/domain/state';
import { reportStreamName } from '../../reports/domain/stream';

let uuidCounter = 0;
function nextUuid(): string {
  uuidCounter += 1;
  return `00000000-0000-4000-8000-${uuidCounter.toString(16).padStart(12, '0')}`;
}

export class ReportRecorder {
  readonly clock: ReturnType<typeof fixedClock>;
  readonly store: MemoryEventStore;
  /** The state the command handler holds for each stream right now (the "live" state). */
  readonly live = new Map<string, ReportState>();

  constructor(start: string) {
    this.clock = fixedClock(start);
    this.store = new MemoryEventStore({ clock: this.clock });
  }

  /**
   * Decides and appends. Returns the recorded events, or the refusal (and then appends nothing).
   * `occurredBeforeMs` backdates occurredAt relative to the recorded time.
   */
  async run(
    command: ReportCommand,
    actor: DecisionContext['actor'],
    occurredBeforeMs = 0,
  ): Promise<RecordedEvent[] | LocalizedError> {
    const stream = reportStreamName(command);
    const before = this.live.get(stream) ?? reportDecider.initialState();
    let events;
    try {
      events = reportDecider.decide(command, before, { now: this.clock(), actor });
    } catch (error) {
      if (error instanceof LocalizedError) return error;
      throw error;
    }
    if (events.length === 0) return [];
    const current = (await this.store.readStream(stream)).length - 1;
    await this.store.appendToStream(
      stream,
      events.map((e) => ({
        eventId: nextUuid(),
        type: e.type,
        schemaVersion: 1,
        data: e.data,
        occurredAt: new Date(this.clock().getTime() - occurredBeforeMs).toISOString(),
        actor: actor as Actor,
        countries: [command.country as CountryCode],
        correlationId: nextUuid(),
      })),
      { expectedRevision: current < 0 ? 'no_stream' : current },
    );
    this.live.set(stream, events.reduce(reportDecider.evolve, before));
    return (await this.store.readStream(stream)).slice(current + 1);
  }

  all(): Promise<RecordedEvent[]> {
    return this.store.readAll();
  }
}
