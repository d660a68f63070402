import { ValidationError, type LocalizedText } from '@crm/kernel';
import { childSubject } from '../../cases/domain/identifying';
import { validateProtectedRecord, type ProtectedRecord } from '../../shared/protected-record';

/**
 * Free text about the child on a referral (a decline or follow-up note, the detail of a revocation, an
 * entry in error, a transfer or an override) as the domain sees it: the shared opaque `ProtectedRecord`
 * (`../../shared/protected-record.ts`) with one field, `text`, that the command handler encrypted with
 * `@crm/pii` under the child's own key (`child-<caseId>`, the referral's case) before the decider runs. The
 * decider never reads it; it refuses a record that cannot be one: plaintext, another field, another subject.
 * Erasing the child's key makes every note unreadable, in the events too.
 */
export const NOTE_FIELDS = ['text'] as const;
export type NoteField = (typeof NOTE_FIELDS)[number];
export type ReferralNote = ProtectedRecord<NoteField>;

const NOTE_CODE = 'referral.invalid_protected_note';

/** The note when it is `{ subject: child-<caseId>, fields: { text: <ciphertext> } }`, else 422. */
export function validNote(value: unknown, caseId: string, field: string): ReferralNote {
  const what: LocalizedText = { es: `La nota "${field}"`, en: `The note "${field}"` };
  return validateProtectedRecord(
    value,
    { subject: childSubject(caseId), allowed: NOTE_FIELDS, required: NOTE_FIELDS },
    NOTE_CODE,
    what,
  );
}

/** An optional note: null when absent, else `validNote`. */
export function optionalNote(value: unknown, caseId: string, field: string): ReferralNote | null {
  return value === undefined || value === null ? null : validNote(value, caseId, field);
}

/**
 * A reason code `other` says nothing by itself: its note is required (422 `referral.note_required`), so every
 * recorded reason can be understood by the other side.
 */
export function requireNoteForOther(
  reason: string,
  note: ReferralNote | null,
  field: string,
  noteField: string,
): void {
  if (reason !== 'other' || note !== null) return;
  throw new ValidationError(
    'referral.note_required',
    {
      es: `Con el motivo "other" en "${field}", explique el motivo en la nota "${noteField}".`,
      en: `With the reason "other" in "${field}", explain the reason in the note "${noteField}".`,
    },
    { field, noteField },
  );
}
