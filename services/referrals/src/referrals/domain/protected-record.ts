import type { FieldCiphertext } from '@crm/pii';
import { ValidationError } from '@crm/kernel';

/**
 * A note about the child (a decline note, a follow-up note) as the domain sees it: an opaque record whose
 * every field the command handler already encrypted with libs/pii (`PersonalDataProtector.protect`). The
 * decider never reads it; it only refuses a record that cannot be one (not an object, empty, or a field that
 * is a bare string or number — plaintext that skipped the encryption).
 */
export type ProtectedRecord = Readonly<Record<string, FieldCiphertext>>;

/** The record as given, or 422 `referral.invalid_protected_note`. */
export function validProtectedRecord(value: unknown, field: string): ProtectedRecord {
  const isObject = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);
  const ok =
    isObject(value) &&
    Object.keys(value as object).length > 0 &&
    Object.values(value as object).every(isObject);
  if (!ok) {
    throw new ValidationError(
      'referral.invalid_protected_note',
      {
        es: `La nota "${field}" debe llegar cifrada (un registro de campos cifrados); no se acepta texto sin cifrar. Vuelva a enviarla desde la aplicación.`,
        en: `The note "${field}" must arrive encrypted (a record of encrypted fields); plaintext is not accepted. Send it again through the application.`,
      },
      { field },
    );
  }
  return value as ProtectedRecord;
}
