import { ValidationError } from '@crm/kernel';
import type { PersonalDataProtector } from '@crm/pii';
import { childSubject } from '../cases/domain';
import { protectRecord } from '../shared/personal-data';
import { NOTE_FIELDS, type ReferralNote } from './domain';

/** The longest note an official may write (characters, once trimmed). */
export const NOTE_MAX_LENGTH = 4000;

/**
 * Encrypts an official's free text about the child (a decline, follow-up, revocation, transfer or override
 * note) under the child's own key (`child-<caseId>`) before any decider sees it, the service's one way
 * (`protectRecord`): what the domain receives, and the events store, is `{ subject, fields: { text: <ciphertext> } }`. Undefined when no note was given;
 * 422 `referral.invalid_note` for a blank or too long text (checked before anything is encrypted).
 */
export async function protectNote(
  protector: PersonalDataProtector,
  caseId: string,
  text: string | undefined,
  field = 'note',
): Promise<ReferralNote | undefined> {
  if (text === undefined || text === null) return undefined;
  const trimmed = typeof text === 'string' ? text.trim() : '';
  if (trimmed.length === 0 || trimmed.length > NOTE_MAX_LENGTH) {
    throw new ValidationError(
      'referral.invalid_note',
      {
        es: `La nota "${field}" debe tener entre 1 y ${NOTE_MAX_LENGTH} caracteres; omítala si no hay nada que añadir.`,
        en: `The note "${field}" must have 1 to ${NOTE_MAX_LENGTH} characters; leave it out if there is nothing to add.`,
      },
      { field, max: NOTE_MAX_LENGTH },
    );
  }
  return protectRecord(protector, childSubject(caseId), { text: trimmed }, NOTE_FIELDS);
}
