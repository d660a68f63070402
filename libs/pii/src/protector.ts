import type { AuditSink } from '@crm/auth';
import type { EventStore } from '@crm/event-store';
import type { Clock } from '@crm/kernel';
import {
  personalDataViewedEvent,
  piiAccessStream,
  validPurpose,
  type PersonalDataAccessContext,
} from './access-log';
import { EnvelopeCipher, assertSubject } from './envelope';
import { personalDataErasedEvent, piiErasureStream, validReason, type ErasureRequest } from './erasure-log';
import { AccessLogUnavailableError } from './errors';
import type { KekRing } from './kek';
import type { KeyStore } from './key-store';
import { PII_POLICY } from './pii.policy';

export interface ProtectorOptions {
  keys: KeyStore;
  kek: KekRing;
  /** Where every view (`PersonalDataViewed`) and erasure (`PersonalDataErased`) is recorded. */
  accessLog: EventStore;
  /** Where refused views and erasures are recorded (as the HTTP OperationGuard does); none: only refused. */
  audit?: AuditSink;
  clock?: Clock;
}

/**
 * The one way services touch a child's personal data: `protect` encrypts (envelope encryption, see
 * EnvelopeCipher), `reveal` decrypts only after the view is authorised (`pii.read`) and recorded in the
 * access log, `erase` destroys the child's key (`pii.erase`) and records the erasure.
 */
export class PersonalDataProtector {
  private readonly cipher: EnvelopeCipher;
  private readonly clock: Clock;

  constructor(private readonly options: ProtectorOptions) {
    this.cipher = new EnvelopeCipher(options);
    this.clock = this.cipher.clock;
  }

  private auditDeps() {
    return { clock: this.clock, ...(this.options.audit ? { audit: this.options.audit } : {}) };
  }

  /** A copy of `record` where each present personal field holds a FieldCiphertext. */
  async protect<T>(subjectId: string, record: T, personalFields: readonly string[]): Promise<T> {
    return this.cipher.protect(subjectId, record, personalFields);
  }

  /**
   * A copy of `record` with each encrypted personal field decrypted (or `{ erased: true }` for an erased
   * child), in this order: the purpose is checked (PurposeRequiredError, 400), the view authorised with the
   * policy's `pii.read` (ForbiddenError, 403, recorded in `audit`), the child's key looked up, the view
   * appended as `PersonalDataViewed` to `piiAccess-<caseId>` (AccessLogUnavailableError, 503, when that
   * fails), and only then anything decrypted. A view of an erased child is recorded too (`outcome: 'erased'`):
   * the log shows every attempt to see a child's data, whatever it showed.
   */
  async reveal<T>(
    access: PersonalDataAccessContext,
    subjectId: string,
    record: T,
    personalFields: readonly string[],
  ): Promise<T> {
    assertSubject(subjectId);
    const purpose = validPurpose(access.purpose);
    const actor = await PII_POLICY.enforceActor(
      { ...this.auditDeps(), via: `pii.reveal:${access.caseId}` },
      access.principal,
      'pii.read',
      { country: access.caseCountry, addressedTo: access.addressedTo ?? [], purpose },
    );
    const lookup = await this.cipher.lookup(subjectId, record, personalFields);
    const outcome = lookup?.state === 'erased' ? 'erased' : 'revealed';
    const event = personalDataViewedEvent(access, subjectId, actor, this.clock(), outcome);
    try {
      await this.options.accessLog.appendToStream(piiAccessStream(access.caseId), [event], {
        expectedRevision: 'any',
      });
    } catch (e) {
      throw new AccessLogUnavailableError('view', (e as Error).message);
    }
    return this.cipher.decrypt(subjectId, record, personalFields, lookup);
  }

  /**
   * Crypto-shredding: checks the reason (ErasureReasonRequiredError, 400), authorises `pii.erase`
   * (ForbiddenError, 403), destroys the child's data key (every ciphertext made with it becomes unreadable)
   * and appends `PersonalDataErased` (no personal data) to `piiErasure-<subjectId>`. The key is destroyed
   * first: if the append then fails (AccessLogUnavailableError, 503), repeating the erasure records it once
   * (same event id), with the first erasure's time.
   */
  async erase(request: ErasureRequest): Promise<'erased' | 'already_erased'> {
    assertSubject(request.subjectId);
    validReason(request.reason);
    const actor = await PII_POLICY.enforceActor(
      { ...this.auditDeps(), via: `pii.erase:${request.subjectId}` },
      request.principal,
      'pii.erase',
      { country: request.caseCountry },
    );
    const outcome = await this.cipher.destroyKey(request.subjectId);
    const tombstone = await this.options.keys.find(request.subjectId);
    const erasedAt = tombstone.state === 'erased' ? tombstone.erasedAt : this.clock();
    const keyId = tombstone.state === 'erased' ? tombstone.keyId : null;
    try {
      await this.options.accessLog.appendToStream(
        piiErasureStream(request.subjectId),
        [personalDataErasedEvent(request, actor, erasedAt, keyId)],
        {
          expectedRevision: 'any',
        },
      );
    } catch (e) {
      throw new AccessLogUnavailableError('erasure', (e as Error).message);
    }
    return outcome;
  }
}
