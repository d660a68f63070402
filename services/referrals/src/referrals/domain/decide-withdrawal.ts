import type { DecisionContext } from '@crm/decider';
import type { DataCategory } from '../../shared/vocabulary';
import type { AcknowledgeConsentWithdrawal, NotifyConsentWithdrawal } from './commands';
import { basisIncludesConsent, intersectCategories, stillShared } from './consent';
import { requireSameReferral } from './checks';
import { requireSystemActor } from './decide-deadlines';
import type { ReferralEvent } from './events';
import type { ReferralState } from './state';
import { requireSide, requireTransition } from './transitions';
import { validCategories, validDeadline, validIdentifier } from './validation';

/**
 * Consent withdrawal. The consent process (system actor) tells each referral whose basis includes the consent
 * which categories it no longer covers; the still-shared ones among them are withdrawn for good (never shared
 * again, a transfer does not carry them) and the receiver must acknowledge ('withdrawal' step, with its
 * deadline, reminders and escalation while the referral is open). The notice is recorded in every status
 * after sending, terminal ones included: the receiver holds the data either way.
 */

/**
 * System: records the withdrawal, or nothing when the referral's basis does not include the consent (an
 * override, another consent, not sent yet) or none of the categories is still shared (a repeated notice).
 */
export function notifyConsentWithdrawal(
  command: NotifyConsentWithdrawal,
  state: ReferralState,
  context: DecisionContext,
): ReferralEvent[] {
  const consentId = validIdentifier(command.consentId, 'consentId');
  const categories = validCategories(command.categories);
  const acknowledgeBy = validDeadline(command.acknowledgeBy, 'acknowledgeBy', context.now);
  const referralId = requireSameReferral(command, state);
  requireSystemActor('NotifyConsentWithdrawal', context.actor);
  if (!basisIncludesConsent(state, consentId)) return [];
  const withdrawn = intersectCategories(stillShared(state), categories);
  if (withdrawn.length === 0) return [];
  return [
    {
      type: 'ConsentWithdrawalNotified',
      data: {
        referralId,
        consentId,
        categories: withdrawn,
        acknowledgeBy,
        notifiedAt: context.now.toISOString(),
      },
    },
  ];
}

/** Receiver: acknowledges every pending withdrawal at once (closes the 'withdrawal' step). */
export function acknowledgeConsentWithdrawal(
  command: AcknowledgeConsentWithdrawal,
  state: ReferralState,
  context: DecisionContext,
): ReferralEvent[] {
  const referralId = requireSameReferral(command, state);
  requireTransition('AcknowledgeConsentWithdrawal', state);
  requireSide('AcknowledgeConsentWithdrawal', state, context.actor);
  const consentIds = [...new Set(state.pendingWithdrawals.map((w) => w.consentId))];
  const categories: DataCategory[] = [];
  for (const w of state.pendingWithdrawals) {
    for (const c of w.categories) if (!categories.includes(c)) categories.push(c);
  }
  return [
    {
      type: 'ConsentWithdrawalAcknowledged',
      data: {
        referralId,
        consentIds,
        categories,
        acknowledgedAt: context.now.toISOString(),
        acknowledgedBy: context.actor.subject,
      },
    },
  ];
}
