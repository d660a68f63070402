import { randomUUID } from 'node:crypto';
import { isCountryCode, type CountryCode } from '@crm/kernel';
import type { Actor, NewEvent } from '@crm/event-store';
import type { Principal } from '@crm/auth';
import { PurposeRequiredError } from './errors';

/**
 * The access log of children's personal data: pure builders of the `PersonalDataViewed` event.
 * Appending it is PersonalDataProtector.reveal's job (before any plaintext is produced); there is no other
 * way to record, or to skip recording, a view.
 */

/** Who wants to see a child's personal data, for which case and why. Every field is mandatory but `addressedTo`. */
export interface PersonalDataAccessContext {
  principal: Principal;
  /** The case the child's data belongs to (stream `piiAccess-<caseId>`). */
  caseId: string;
  /** Why the data is viewed (3-500 characters). Must not itself contain the child's personal data. */
  purpose: string;
  /** Country that owns the case. */
  caseCountry: CountryCode;
  /** Countries the case is addressed to (a referral's receiving countries). */
  addressedTo?: CountryCode[];
  correlationId?: string;
}

export const PERSONAL_DATA_VIEWED = 'PersonalDataViewed';

/** `revealed`: the child's key existed (its fields were decrypted); `erased`: the child was erased, nothing was shown. */
export type ViewOutcome = 'revealed' | 'erased';

export interface PersonalDataViewedData {
  caseId: string;
  subjectId: string;
  purpose: string;
  viewedAt: string;
  viewer: { subject: string; country: string; institution: string; roles: string[] };
  outcome: ViewOutcome;
}

/** Stream of the access log of a case. */
export function piiAccessStream(caseId: string): string {
  return `piiAccess-${caseId}`;
}

/** The trimmed purpose, or PurposeRequiredError (es/en, 400) when missing, blank, shorter than 3 or longer than 500. */
export function validPurpose(purpose: unknown): string {
  const text = typeof purpose === 'string' ? purpose.trim() : '';
  if (text.length < 3 || text.length > 500) throw new PurposeRequiredError();
  return text;
}

/** The countries an access-log or erasure event concerns: the case's, those it is addressed to, the actor's. */
export function concernedCountries(
  caseCountry: CountryCode,
  addressedTo: readonly CountryCode[] | undefined,
  actor: Actor,
): CountryCode[] {
  return [
    ...new Set([
      caseCountry,
      ...(addressedTo ?? []),
      ...(isCountryCode(actor.country) ? [actor.country] : []),
    ]),
  ];
}

/** The PersonalDataViewed event of one authorised view (who, when, which case, why, what it showed). */
export function personalDataViewedEvent(
  access: PersonalDataAccessContext,
  subjectId: string,
  actor: Actor,
  at: Date,
  outcome: ViewOutcome,
  eventId: string = randomUUID(),
): NewEvent<PersonalDataViewedData> {
  const { principal } = access;
  return {
    eventId,
    type: PERSONAL_DATA_VIEWED,
    schemaVersion: 1,
    data: {
      caseId: access.caseId,
      subjectId,
      purpose: validPurpose(access.purpose),
      viewedAt: at.toISOString(),
      viewer: {
        subject: principal.subject,
        country: actor.country,
        institution: principal.institution,
        roles: [...principal.roles],
      },
      outcome,
    },
    occurredAt: at,
    actor,
    countries: concernedCountries(access.caseCountry, access.addressedTo, actor),
    correlationId: access.correlationId ?? eventId,
    causationId: null,
  };
}
