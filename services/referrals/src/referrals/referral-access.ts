import { Role, type Principal, type Resource } from '@crm/auth';
import { readState } from '@crm/decider';
import type { Actor, EventStore } from '@crm/event-store';
import type { CommandDeps } from '@crm/service-kit';
import { enforceActor, type ReferralsOperation } from '../referrals.policy';
import { institutionIdOf } from '../shared/institution-of';
import {
  referralDecider,
  referralStreamName,
  type InstitutionRef,
  type ReferralSide,
  type ReferralState,
} from './domain';
import { referralNotFound, wrongInstitution } from './errors';

/**
 * Who may act on (or read) a referral, as every referral handler checks it before the decider:
 * 1. the policy row (`referrals.referral.act`, `.override`, `.read`, `.status`) on the resource
 *    `{ country: sender's country, addressedTo: [receiver's, transferee's] }`: a third country, an observer or a
 *    role without the row is refused 403 and the denial audited (`enforceActor`);
 * 2. the institution: a case worker (or supervisor) acts for its own institution only
 *    (`institutionIdOf(principal)`), so it must be the institution of the side its country is on; a national
 *    system acts for its whole country (403 `referral.wrong_institution`).
 * Which side may take which transition stays the decider's rule (403 `referral.wrong_side`).
 */

/** The parties of a referral as the policy and the institution check see them. */
export interface ReferralParties {
  from: InstitutionRef;
  to: InstitutionRef;
  /** The institution a pending transfer is proposed to. */
  transferee: InstitutionRef | null;
}

/** A referral stream read for a handler; 404 `referral.not_found` when it does not exist. */
export interface LoadedReferral {
  stream: string;
  revision: number;
  state: ReferralState;
  parties: ReferralParties;
}

export async function loadReferral(
  store: Pick<EventStore, 'readStream'>,
  referralId: string,
): Promise<LoadedReferral> {
  const stream = referralStreamName(referralId);
  const { state, revision } = await readState(store, stream, referralDecider);
  if (revision < 0 || !state.from || !state.to) throw referralNotFound(stream);
  return {
    stream,
    revision,
    state,
    parties: { from: state.from, to: state.to, transferee: state.pendingTransfer?.to ?? null },
  };
}

/** The policy resource of a referral: owned by the sender's country, addressed to the receiver and transferee. */
export function referralResource(parties: ReferralParties): Resource {
  const addressedTo = [parties.to.country, ...(parties.transferee ? [parties.transferee.country] : [])];
  return { country: parties.from.country, addressedTo };
}

/** Roles that act for one institution (the others act for a country: national system, consular network). */
const INSTITUTION_ROLES: readonly string[] = [Role.ProtectionCaseWorker, Role.ProtectionSupervisor];

/** The side (and its institution) of an actor's country on this referral; null for no side. */
function sideInstitution(
  parties: ReferralParties,
  country: string,
): { side: ReferralSide; institutionId: string } | null {
  if (country === parties.from.country) return { side: 'sender', institutionId: parties.from.institutionId };
  if (country === parties.to.country) return { side: 'receiver', institutionId: parties.to.institutionId };
  if (parties.transferee && country === parties.transferee.country)
    return { side: 'transferee', institutionId: parties.transferee.institutionId };
  return null;
}

/**
 * 403 `referral.wrong_institution` unless `actor` acts for the institution of its country's side (institution
 * roles only). An actor of no side passes here: the decider answers it (`referral.wrong_side`).
 */
export function requireOwnInstitution(
  principal: Pick<Principal, 'country' | 'institution'>,
  actor: Pick<Actor, 'country' | 'role'>,
  parties: ReferralParties,
): void {
  if (!INSTITUTION_ROLES.includes(actor.role)) return;
  const mine = sideInstitution(parties, actor.country);
  if (mine === null) return;
  const own = institutionIdOf(principal);
  if (own !== mine.institutionId) throw wrongInstitution(mine.side, mine.institutionId, own);
}

/** The policy check, then the institution check; resolves with the events' actor. */
export async function authorizeOnReferral(
  deps: CommandDeps,
  principal: Principal,
  parties: ReferralParties,
  operation: ReferralsOperation,
  via: string,
): Promise<Actor> {
  const actor = await enforceActor({ ...deps, via }, principal, operation, referralResource(parties));
  requireOwnInstitution(principal, actor, parties);
  return actor;
}
