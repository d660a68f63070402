import { randomUUID } from 'node:crypto';
import type { Provider } from '@nestjs/common';
import { AUDIT_SINK, type AuditSink } from '@crm/auth';
import type { CommandEnvelope } from '@crm/decider';
import type { Actor, EventStore } from '@crm/event-store';
import type { Clock, CountryCode } from '@crm/kernel';
import { CLOCK, EVENT_STORE } from '@crm/platform';

/** What every command handler of the plan service needs: the event store, the clock and where denials are recorded. */
export interface CommandDeps {
  store: EventStore;
  clock: Clock;
  audit?: AuditSink;
}

/** Nest token of the handlers' CommandDeps (the platform's store and clock, the auth module's audit sink). */
export const PLAN_COMMAND_DEPS = Symbol('plan.CommandDeps');

export const commandDepsProvider: Provider = {
  provide: PLAN_COMMAND_DEPS,
  inject: [EVENT_STORE, CLOCK, { token: AUDIT_SINK, optional: true }],
  useFactory: (store: EventStore, clock: Clock, audit?: AuditSink): CommandDeps => ({
    store,
    clock,
    ...(audit ? { audit } : {}),
  }),
};

/**
 * Per-call options every plan command carries (the HTTP controllers take them from `@CommandMeta()`; the Kafka
 * inbound adapter from the integration event).
 * - commandId: the client's idempotency key (HTTP `Idempotency-Key`, the integration event id for the Kafka gateway).
 *   Event ids are derived from it, so repeating a command with the same commandId records nothing new.
 *   Absent: a random id (no idempotency across retries).
 * - correlationId: ties the resulting events to a wider flow (default: the command id).
 * - causationId: what caused the command (e.g. the inbound integration event id); default: the command id.
 * - expectedRevision: the revision of the command's stream the caller last saw and decided on (HTTP `If-Match`,
 *   the `revision` of the view it read). A stream at another revision refuses the command with 412
 *   `command.stale_revision` and nothing is stored. Absent: the command is decided on the current revision.
 */
export interface CommandOptions {
  commandId?: string;
  correlationId?: string;
  causationId?: string;
  expectedRevision?: number;
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
