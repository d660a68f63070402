import { ValidationError, type LocalizedText } from '@crm/kernel';
import type { FieldCiphertext } from '@crm/pii';

/**
 * Personal data as the domain sees it: an opaque record of ciphertexts. The command handler encrypts the
 * plaintext with `@crm/pii` (`protector.protect(subject, plain, fields)`) under the data subject's own key
 * before the decider runs, and wraps the result with that subject; the decider never sees, compares or
 * stores a plaintext value. Erasing the subject's key (crypto-shredding) makes every copy unreadable, also in
 * the events.
 */
export interface ProtectedRecord<Field extends string> {
  /** The key subject the fields were encrypted under, e.g. `child-HN-<uuid>` or `focalPoint-<id>`. */
  subject: string;
  /** Each present personal field holds the ciphertext of its value; absent fields were not given. */
  fields: Partial<Record<Field, FieldCiphertext>>;
}

/** What a protected record must be: its subject, the fields it may hold, the ones it must hold. */
export interface ProtectedRecordRule<Field extends string> {
  subject: string;
  allowed: readonly Field[];
  required?: readonly Field[];
  /** Every field of one of these groups must be present (e.g. an email or a phone). */
  requiredOneOf?: readonly Field[];
}

/**
 * The record when it is well formed, else a 422 with `code`: wrong subject (encrypted under another key),
 * an unknown field (nothing may slip past the list of personal fields), a value that is not an encrypted
 * object (a bare string, number or list is plaintext), or a required field missing. `what` names the record
 * in the message ("the child's identifying data").
 */
export function validateProtectedRecord<Field extends string>(
  value: unknown,
  rule: ProtectedRecordRule<Field>,
  code: string,
  what: LocalizedText,
): ProtectedRecord<Field> {
  const fail = (es: string, en: string, details: Record<string, unknown>): never => {
    throw new ValidationError(code, { es: `${what.es}: ${es}`, en: `${what.en}: ${en}` }, details);
  };
  if (!isObject(value) || !isObject(value.fields)) {
    return fail(
      'debe llegar cifrada como { subject, fields } desde el manejador del comando.',
      'must arrive encrypted as { subject, fields } from the command handler.',
      {},
    );
  }
  if (value.subject !== rule.subject) {
    return fail(
      `está cifrada para el titular "${String(value.subject)}", no para "${rule.subject}".`,
      `is encrypted for subject "${String(value.subject)}", not "${rule.subject}".`,
      { subject: String(value.subject), expectedSubject: rule.subject },
    );
  }
  const fields = value.fields;
  const unknown = Object.keys(fields).filter((f) => !(rule.allowed as readonly string[]).includes(f));
  if (unknown.length > 0) {
    return fail(
      `campos no previstos: ${unknown.join(', ')} (permitidos: ${rule.allowed.join(', ')}).`,
      `unexpected fields: ${unknown.join(', ')} (allowed: ${rule.allowed.join(', ')}).`,
      { unknownFields: unknown },
    );
  }
  const plaintext = Object.keys(fields).filter((f) => !isObject(fields[f]));
  if (plaintext.length > 0) {
    return fail(
      `los campos ${plaintext.join(', ')} no están cifrados; nunca envíe datos personales en claro.`,
      `fields ${plaintext.join(', ')} are not encrypted; never send personal data in clear.`,
      { unencryptedFields: plaintext },
    );
  }
  const missing = (rule.required ?? []).filter((f) => fields[f] === undefined);
  if (missing.length > 0) {
    return fail(`faltan los campos ${missing.join(', ')}.`, `fields ${missing.join(', ')} are missing.`, {
      missingFields: missing,
    });
  }
  const oneOf = rule.requiredOneOf ?? [];
  if (oneOf.length > 0 && !oneOf.some((f) => fields[f] !== undefined)) {
    return fail(
      `indique al menos uno de: ${oneOf.join(', ')}.`,
      `give at least one of: ${oneOf.join(', ')}.`,
      { requiredOneOf: oneOf },
    );
  }
  return { subject: rule.subject, fields: { ...fields } as ProtectedRecord<Field>['fields'] };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
