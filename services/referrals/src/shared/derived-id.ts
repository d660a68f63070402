import { createHash, randomUUID } from 'node:crypto';

/**
 * An id for something a command creates (a case, a consent, an interview) when the caller gave none: derived
 * from the command's Idempotency-Key when there is one, so that retrying the same command with the same key
 * addresses the same record instead of creating a second one; random otherwise. Shaped as a lower-case UUID
 * v4 (the version and variant bits set), which is what a case id requires.
 */
export function derivedId(scope: string, commandId: string | undefined): string {
  if (!commandId) return randomUUID();
  const b = createHash('sha256').update(`crm-referrals-id|v1|${scope}|${commandId}`, 'utf8').digest();
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.subarray(0, 16).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
