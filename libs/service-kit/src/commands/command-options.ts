import type { CommandMetadata } from '../http/idempotency';

/**
 * Per-call options every command of a service carries (HTTP controllers take them from `@CommandMeta()`, a Kafka
 * inbound adapter from the integration event, a timer from its deadline).
 * - commandId: the client's idempotency key (HTTP `Idempotency-Key`, the integration event id for the Kafka
 *   gateway, the deadline key for a timer). Event ids are derived from it, so repeating a command with the same
 *   commandId records nothing new. Absent: a random id (no idempotency across retries).
 * - correlationId: ties the resulting events to a wider flow (default: the command id).
 * - causationId: what caused the command (e.g. the inbound integration event id); default none.
 * - expectedRevision: the revision of the command's stream the caller last saw and decided on (HTTP `If-Match`,
 *   the `revision` of the view it read). A stream at another revision refuses the command with 412
 *   `command.stale_revision` and nothing is stored. Absent: the command is decided on the current revision.
 */
export interface CommandOptions extends CommandMetadata {
  causationId?: string;
}
