import { randomUUID } from 'node:crypto';
import { isCountryCode, type CountryCode } from '@crm/kernel';
import type { AppendResult, EventStore } from '@crm/event-store';
import type { Principal } from '@crm/auth';
import { PurposeRequiredError } from './errors';

export interface PersonalDataAccess {
  principal: Principal;
  caseId: string;
  subjectId: string;
  /** Why the data was viewed. Mandatory; must not itself contain the child's personal data. */
  purpose: string;
  at: Date;
  /** Country that owns the case (and countries it is addressed to) for the event's `countries`. */
  caseCountries?: CountryCode[];
  /** The role under which the access was authorised (default: the principal's first role). */
  role?: string;
  correlationId?: string;
}

export const PERSONAL_DATA_VIEWED = 'PersonalDataViewed';

export interface PersonalDataViewedData {
  caseId: string;
  subjectId: string;
  purpose: string;
  viewedAt: string;
  viewer: { subject: string; country: string; institution: string; roles: string[] };
}

/** Stream of the access log of a case. */
export function piiAccessStream(caseId: string): string {
  return `piiAccess-${caseId}`;
}

/** Records one view of a child's personal data (who, when, which case, why) as an event. */
export async function recordPersonalDataAccess(store: EventStore, access: PersonalDataAccess): Promise<AppendResult> {
  const purpose = typeof access.purpose === 'string' ? access.purpose.trim() : '';
  if (purpose.length < 3 || purpose.length > 500) throw new PurposeRequiredError();
  const { principal } = access;
  if (principal.country === null) throw new Error('personal data can only be viewed by country or Secretariat principals');
  const data: PersonalDataViewedData = {
    caseId: access.caseId,
    subjectId: access.subjectId,
    purpose,
    viewedAt: access.at.toISOString(),
    viewer: { subject: principal.subject, country: principal.country, institution: principal.institution, roles: [...principal.roles] },
  };
  const countries = [...new Set([...(access.caseCountries ?? []), ...(isCountryCode(principal.country) ? [principal.country] : [])])];
  const eventId = randomUUID();
  return store.appendToStream(
    piiAccessStream(access.caseId),
    [
      {
        eventId,
        type: PERSONAL_DATA_VIEWED,
        schemaVersion: 1,
        data,
        occurredAt: access.at,
        actor: { subject: principal.subject, role: access.role ?? principal.roles[0], country: principal.country, institution: principal.institution },
        countries,
        correlationId: access.correlationId ?? eventId,
        causationId: null,
      },
    ],
    { expectedRevision: 'any' },
  );
}

