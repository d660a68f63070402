import { uuidV5 } from '@crm/decider';
import type { CountryCode } from '@crm/kernel';
import type { Actor, NewEvent } from '@crm/event-store';
import type { Principal } from '@crm/auth';
import { concernedCountries } from './access-log';
import { ErasureReasonRequiredError } from './errors';

/** Pure builders of the `PersonalDataErased` event (appended by PersonalDataProtector.erase). */

export interface ErasureRequest {
  principal: Principal;
  /** The child (pseudonymous id) whose data key is destroyed. */
  subjectId: string;
  /** Why (e.g. the erasure request's reference and legal ground), 3-500 characters, no personal data. */
  reason: string;
  /** Country that owns the child's record (authorisation scope of `pii.erase`). */
  caseCountry: CountryCode;
  correlationId?: string;
}

export const PERSONAL_DATA_ERASED = 'PersonalDataErased';

/** No personal data: the pseudonymous subject id, the destroyed key's id, who, when and why. */
export interface PersonalDataErasedData {
  subjectId: string;
  keyId: string | null;
  reason: string;
  erasedAt: string;
  erasedBy: { subject: string; country: string; institution: string; roles: string[] };
}

/** Stream of a child's erasure record. */
export function piiErasureStream(subjectId: string): string {
  return `piiErasure-${subjectId}`;
}

export function validReason(reason: unknown): string {
  const text = typeof reason === 'string' ? reason.trim() : '';
  if (text.length < 3 || text.length > 500) throw new ErasureReasonRequiredError();
  return text;
}

/**
 * The event id of a child's erasure: the same for every attempt, so that recording it again after a
 * failed append (the key is already destroyed) stores it once.
 */
export function erasureEventId(subjectId: string): string {
  return uuidV5(`crm-pii-erased|v1|${subjectId}`);
}

export function personalDataErasedEvent(
  request: ErasureRequest,
  actor: Actor,
  erasedAt: Date,
  keyId: string | null,
): NewEvent<PersonalDataErasedData> {
  const { principal } = request;
  const eventId = erasureEventId(request.subjectId);
  return {
    eventId,
    type: PERSONAL_DATA_ERASED,
    schemaVersion: 1,
    data: {
      subjectId: request.subjectId,
      keyId,
      reason: validReason(request.reason),
      erasedAt: erasedAt.toISOString(),
      erasedBy: {
        subject: principal.subject,
        country: actor.country,
        institution: principal.institution,
        roles: [...principal.roles],
      },
    },
    occurredAt: erasedAt,
    actor,
    countries: concernedCountries(request.caseCountry, undefined, actor),
    correlationId: request.correlationId ?? eventId,
    causationId: null,
  };
}
