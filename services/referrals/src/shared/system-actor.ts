import type { Principal } from '@crm/auth';
import type { Actor } from '@crm/event-store';
import { SECRETARIAT } from '@crm/kernel';
import { DEADLINE_RUNNER_SUBJECT, SYSTEM_ROLE } from '../referrals/domain';

/**
 * Who the referral service's own processes act as: the deadline runner sends RemindOverdue and EscalateOverdue
 * as this principal. It is not an HTTP caller (no token carries it, no policy row grants it, no controller takes
 * these commands): it exists only in this process, and a handler recognises it by identity
 * (`isReferralsSystemPrincipal`), never by its fields, so a token naming the same subject is not the system.
 */
export const REFERRALS_SYSTEM_PRINCIPAL: Principal = Object.freeze({
  subject: DEADLINE_RUNNER_SUBJECT,
  country: SECRETARIAT,
  institution: 'system',
  roles: [],
  name: 'Plazos de referencias / Referral deadlines',
});

/** The actor the system's events record: role `system`, subject `system|referrals-deadlines` (domain/sides.ts). */
export const REFERRALS_SYSTEM_ACTOR: Actor = Object.freeze({
  subject: DEADLINE_RUNNER_SUBJECT,
  role: SYSTEM_ROLE,
  country: SECRETARIAT,
});

export function isReferralsSystemPrincipal(principal: Principal): boolean {
  return principal === REFERRALS_SYSTEM_PRINCIPAL;
}

/**
 * The actor of a system command: the system actor for REFERRALS_SYSTEM_PRINCIPAL; for anyone else an actor with
 * their own role, which the domain refuses (403 `referral.system_only`) — the one rule of who may send a system
 * command stays the domain's.
 */
export function systemCommandActor(principal: Principal): Actor {
  if (isReferralsSystemPrincipal(principal)) return REFERRALS_SYSTEM_ACTOR;
  return {
    subject: principal.subject,
    role: principal.roles[0] ?? 'none',
    country: principal.country ?? SECRETARIAT,
    institution: principal.institution,
  };
}
