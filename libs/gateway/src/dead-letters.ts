import type { DeadLetter } from '@crm/messaging';

/** Parses a dead-letter record value (`<topic>.dlq`); null when it is not one. */
export function parseDeadLetter(value: Buffer | Uint8Array | string | null | undefined): DeadLetter | null {
  if (value === null || value === undefined) return null;
  try {
    const text = typeof value === 'string' ? value : Buffer.from(value).toString('utf8');
    const parsed = JSON.parse(text) as Partial<DeadLetter>;
    if (
      typeof parsed !== 'object' ||
      parsed === null ||
      typeof parsed.code !== 'string' ||
      typeof parsed.original !== 'object'
    )
      return null;
    return parsed as DeadLetter;
  } catch {
    return null;
  }
}

/** The original record value of a dead letter. */
export function originalValue(letter: DeadLetter): Buffer {
  return Buffer.from(letter.original.valueBase64, 'base64');
}
