import type { EventStore } from '@crm/event-store';
import {
  isErased,
  piiErasureStream,
  type PersonalDataAccessContext,
  type PersonalDataProtector,
} from '@crm/pii';
import type { ProtectedRecord } from './protected-record';

/**
 * The referral service's two ways through `@crm/pii` for a ProtectedRecord (`{ subject, fields }`): the
 * command handlers encrypt the plaintext an official typed before the decider sees it (`protectRecord`), the
 * queries decrypt only through the protector's authorised, access-logged `reveal` (`revealRecord`). The
 * protector addresses a field by its path in the record, `fields.<name>`.
 */

const pathsOf = (fields: readonly string[]) => fields.map((f) => `fields.${f}`);

function pick<F extends string, V>(
  source: Partial<Record<F, V>>,
  fields: readonly F[],
): Partial<Record<F, V>> {
  return Object.fromEntries(fields.map((f) => [f, source[f]])) as Partial<Record<F, V>>;
}

/**
 * The plaintext fields of `plain` among `allowed` (absent ones left out) encrypted under `subject`'s own key:
 * the opaque record the domain takes. Creates the subject's key on first use; an erased subject is refused
 * (409 `pii.subject_erased`). Nothing of the plaintext is kept.
 */
export async function protectRecord<F extends string>(
  protector: Pick<PersonalDataProtector, 'protect'>,
  subject: string,
  plain: Partial<Record<F, unknown>>,
  allowed: readonly F[],
): Promise<ProtectedRecord<F>> {
  const present = allowed.filter((f) => plain[f] !== undefined && plain[f] !== null);
  const record = await protector.protect(subject, { fields: pick(plain, present) }, pathsOf(present));
  return { subject, fields: record.fields as ProtectedRecord<F>['fields'] };
}

/**
 * The `fields` of `record` decrypted, each `{ erased: true }` once the subject was erased. The protector
 * checks the purpose (400), authorises `pii.read` (403, audited) and appends the view to
 * `piiAccess-<access.caseId>` before anything is decrypted; a view that shows nothing is recorded too.
 */
export async function revealRecord<F extends string>(
  protector: Pick<PersonalDataProtector, 'reveal'>,
  access: PersonalDataAccessContext,
  record: ProtectedRecord<F>,
  fields: readonly F[],
): Promise<Partial<Record<F, unknown>>> {
  const wanted = fields.filter((f) => record.fields[f] !== undefined);
  const revealed = await protector.reveal(
    access,
    record.subject,
    { fields: pick(record.fields, wanted) },
    pathsOf(wanted),
  );
  return revealed.fields as Partial<Record<F, unknown>>;
}

/** Whether any revealed value is the erased marker. */
export function anyErased(values: Partial<Record<string, unknown>>): boolean {
  return Object.values(values).some(isErased);
}

/**
 * Whether `subject`'s personal data were erased: its erasure record `piiErasure-<subject>` (written by the
 * protector) exists. Read without a reveal, so a view can say "erased" without touching the data or the
 * access log.
 */
export async function isErasedSubject(
  store: Pick<EventStore, 'readStream'>,
  subject: string,
): Promise<boolean> {
  return (await store.readStream(piiErasureStream(subject), { maxCount: 1 })).length > 0;
}
