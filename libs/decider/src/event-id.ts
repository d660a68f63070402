import { createHash } from 'node:crypto';

/** Namespace of the platform's command-derived event ids (a fixed random UUID; never change it). */
export const COMMAND_EVENT_NAMESPACE = '6f1c2a4e-3b7d-4c59-9a0e-5d8e7f21b6c3';

function uuidBytes(uuid: string): Buffer {
  const hex = uuid.replace(/-/g, '');
  if (!/^[0-9a-f]{32}$/i.test(hex)) throw new Error(`not a UUID: ${uuid}`);
  return Buffer.from(hex, 'hex');
}

/**
 * Name-based UUID version 5 (RFC 9562 §5.5): sha1(namespace ‖ name), first 16 bytes, version and
 * variant bits set. The same (namespace, name) always gives the same UUID.
 */
export function uuidV5(name: string, namespace: string = COMMAND_EVENT_NAMESPACE): string {
  const digest = createHash('sha1').update(uuidBytes(namespace)).update(name, 'utf8').digest();
  const b = digest.subarray(0, 16);
  b[6] = (b[6] & 0x0f) | 0x50;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * The id of the `index`-th event decided for command `commandId`. Deterministic, so a client that
 * retries a command with the same commandId produces the same event ids and the store's idempotent
 * re-append (by event id) turns the retry into a no-op.
 */
export function commandEventId(commandId: string, index: number): string {
  if (typeof commandId !== 'string' || commandId.length === 0)
    throw new Error('commandId must be a non-empty string');
  if (!Number.isSafeInteger(index) || index < 0) throw new Error(`invalid event index ${index}`);
  return uuidV5(`${commandId}\u0000${index}`);
}
