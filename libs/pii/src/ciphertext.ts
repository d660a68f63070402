/** One encrypted field: JSON-safe, self-describing. `kid` names the child's data key. All binary is base64. */
export interface FieldCiphertext {
  v: 1;
  kid: string;
  iv: string;
  ct: string;
  tag: string;
}

export function isFieldCiphertext(value: unknown): value is FieldCiphertext {
  if (value === null || typeof value !== 'object') return false;
  const c = value as Record<string, unknown>;
  return (
    c.v === 1 &&
    typeof c.kid === 'string' &&
    typeof c.iv === 'string' &&
    typeof c.ct === 'string' &&
    typeof c.tag === 'string'
  );
}

/** What a field of an erased child reveals as. */
export interface ErasedMarker {
  erased: true;
}
export const ERASED: ErasedMarker = Object.freeze({ erased: true as const });
export const ERASED_TEXT = '[borrado / erased]';

export function isErased(value: unknown): value is ErasedMarker {
  return (
    value !== null &&
    typeof value === 'object' &&
    (value as { erased?: unknown }).erased === true &&
    Object.keys(value).length === 1
  );
}

/** Display helper for UIs and reports: the erased marker as "[borrado / erased]". */
export function displayValue(value: unknown): string {
  if (isErased(value)) return ERASED_TEXT;
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}
