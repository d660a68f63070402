import type { DecisionContext } from '@crm/decider';
import { SECRETARIAT, type LocalizedText } from '@crm/kernel';
import type { Side } from '../../shared/vocabulary';
import type { ReferralState } from './state';

/**
 * Who acts on a referral. Each transition belongs to one side (HL7 FHIR Task: the requester and the owner):
 * - `sender`: the sending institution's country (`from.country`);
 * - `receiver`: the current receiving institution's country (`to.country`);
 * - `transferee`: while a transfer is pending, the country of the institution it is proposed to.
 * The three are distinct countries by construction (a referral is cross-border, and a transfer goes to a
 * third country). The Secretariat, any other country and the system actor are no side.
 */
export type ReferralSide = Side | 'transferee';

/** The role of the platform's own processes (the deadline runner, the consent process). */
export const SYSTEM_ROLE = 'system';
/** The subject the deadline runner acts as. */
export const DEADLINE_RUNNER_SUBJECT = 'system|referrals-deadlines';

export const SIDE_LABELS: Readonly<Record<ReferralSide, LocalizedText>> = {
  sender: { es: 'la institución remitente', en: 'the sending institution' },
  receiver: { es: 'la institución receptora', en: 'the receiving institution' },
  transferee: {
    es: 'la institución a la que se propone el traslado',
    en: 'the institution the transfer is proposed to',
  },
};

type Actor = Pick<DecisionContext['actor'], 'country' | 'role'>;

export function isSystemActor(actor: Actor): boolean {
  return actor.role === SYSTEM_ROLE;
}

/**
 * The side `actor` acts for on this referral, from its country and role and the state alone; null for the
 * Secretariat, a third country, the system actor, and on a referral that does not exist yet.
 */
export function sideOf(
  state: Pick<ReferralState, 'from' | 'to' | 'pendingTransfer'>,
  actor: Actor,
): ReferralSide | null {
  if (isSystemActor(actor) || actor.country === SECRETARIAT) return null;
  if (state.from && actor.country === state.from.country) return 'sender';
  if (state.to && actor.country === state.to.country) return 'receiver';
  if (state.pendingTransfer && actor.country === state.pendingTransfer.to.country) return 'transferee';
  return null;
}

/** The country of a side on this referral (null when that side does not exist now). */
export function countryOfSide(
  state: Pick<ReferralState, 'from' | 'to' | 'pendingTransfer'>,
  side: ReferralSide,
): string | null {
  if (side === 'sender') return state.from?.country ?? null;
  if (side === 'receiver') return state.to?.country ?? null;
  return state.pendingTransfer?.to.country ?? null;
}
