import { randomUUID } from 'node:crypto';
import type { AuditSink } from '@crm/auth';
import type { CommandEnvelope } from '@crm/decider';
import type { Actor, EventStore } from '@crm/event-store';
import type { Clock, CountryCode } from '@crm/kernel';

/** What every command of the plan service needs: the event store, the clock and where denials are recorded. */
export interface CommandDeps {
  store: EventStore;
  clock: Clock;
  audit?: AuditSink;
}

/**
 * Per-call options of every PlanCommands method.
 * - commandId: the client's idempotency key (HTTP `Idempotency-Key`, the integration event id for the Kafka gateway).
 *   Event ids are derived from it, so repeating a command with the same commandId records nothing new.
 *   Absent: a random id (no idempotency across retries).
 * - correlationId: ties the resulting events to a wider flow (default: the command id).
 * - causationId: what caused the command (e.g. the inbound integration event id); default: the command id.
 */
export interface CommandOptions {
  commandId?: string;
  correlationId?: string;
  causationId?: string;
}

/**
 * The envelope handleCommand records in the events' metadata. The client's key is scoped by use case and
 * stream (`plan.<useCase>:<stream>:<key>`), so reusing one key for another command or another report never
 * silently returns the earlier command's events.
 */
export function envelopeFor(
  useCase: string,
  streamName: string,
  actor: Actor,
  countries: CountryCode[],
  options: CommandOptions = {},
): CommandEnvelope {
  const commandId = options.commandId ? `plan.${useCase}:${streamName}:${options.commandId}` : randomUUID();
  return {
    commandId,
    actor,
    countries,
    correlationId: options.correlationId ?? options.commandId ?? commandId,
    causationId: options.causationId ?? null,
  };
}
