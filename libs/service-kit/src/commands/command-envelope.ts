import { randomUUID } from 'node:crypto';
import type { CommandEnvelope } from '@crm/decider';
import type { Actor } from '@crm/event-store';
import type { CountryCode } from '@crm/kernel';
import type { CommandOptions } from './command-options';

/** Builds the envelope `handleCommand` records in the events' metadata, for one service's commands. */
export type EnvelopeFor = (
  useCase: string,
  streamName: string,
  actor: Actor,
  countries: CountryCode[],
  options?: CommandOptions,
) => CommandEnvelope;

/**
 * The envelope builder of `service`: the client's key is scoped by service, use case and stream
 * (`<service>.<useCase>:<stream>:<key>`), so reusing one key for another command or another stream never
 * silently returns the earlier command's events. Without a key the command id is random.
 *
 *   export const envelopeFor = commandEnvelopes('plan');
 */
export function commandEnvelopes(service: string): EnvelopeFor {
  return (useCase, streamName, actor, countries, options = {}) => {
    const commandId = options.commandId
      ? `${service}.${useCase}:${streamName}:${options.commandId}`
      : randomUUID();
    return {
      commandId,
      actor,
      countries,
      correlationId: options.correlationId ?? options.commandId ?? commandId,
      causationId: options.causationId ?? null,
    };
  };
}
