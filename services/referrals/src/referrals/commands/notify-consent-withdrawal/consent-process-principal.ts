import type { Principal } from '@crm/auth';
import type { Actor } from '@crm/event-store';
import { SECRETARIAT } from '@crm/kernel';
import { systemCommandActor } from '../../../shared/system-actor';
import { SYSTEM_ROLE } from '../../domain';

/** The subject the consent process acts as. */
export const CONSENT_PROCESS_SUBJECT = 'system|referrals-consent';

/**
 * Who the consent process (`services/referrals/src/consent-process`) acts as when it notifies a referral: like
 * the deadline runner's principal (`shared/system-actor.ts`) it exists only in this process (no token carries
 * it, no policy row grants it, no route takes the command) and is recognised by identity, never by its fields.
 */
export const CONSENT_PROCESS_PRINCIPAL: Principal = Object.freeze({
  subject: CONSENT_PROCESS_SUBJECT,
  country: SECRETARIAT,
  institution: 'system',
  roles: [],
  name: 'Proceso de consentimiento / Consent process',
});

export const CONSENT_PROCESS_ACTOR: Actor = Object.freeze({
  subject: CONSENT_PROCESS_SUBJECT,
  role: SYSTEM_ROLE,
  country: SECRETARIAT,
});

/**
 * The consent process's actor for its principal; anyone else as `systemCommandActor` makes them (the deadline
 * runner's system actor, or a person's own role, which the domain refuses: 403 `referral.system_only`).
 */
export function consentProcessActor(principal: Principal): Actor {
  return principal === CONSENT_PROCESS_PRINCIPAL ? CONSENT_PROCESS_ACTOR : systemCommandActor(principal);
}
