import { isDeepStrictEqual } from 'node:util';
import { ConflictError } from '@crm/kernel';
import type { DecisionContext } from '@crm/decider';
import { CLOSE_OUTCOMES, DECLINE_REASONS, FOLLOW_UP_STATUSES } from './codes';
import type {
  AcceptReferral,
  AcknowledgeReferral,
  CloseReferral,
  DeclineReferral,
  ReportFollowUp,
} from './commands';
import { requireSameReferral } from './checks';
import type { ReferralEvent } from './events';
import { optionalNote, requireNoteForOther } from './note';
import type { ReferralState } from './state';
import { requireSide, requireTransition } from './transitions';
import { validCode, validIdentifier, validServices } from './validation';

/**
 * The receiver's answers and the follow-up: acknowledge, accept, decline, report a follow-up, close. Same
 * order of checks as the sender's commands: payload (422), referral (422), transition (409), side (403).
 */

/** Receiver: acknowledges receipt (requested → acknowledged); closes the 'acknowledge' step. */
export function acknowledgeReferral(
  command: AcknowledgeReferral,
  state: ReferralState,
  context: DecisionContext,
): ReferralEvent[] {
  const referralId = requireSameReferral(command, state);
  requireTransition('AcknowledgeReferral', state);
  requireSide('AcknowledgeReferral', state, context.actor);
  return [
    {
      type: 'ReferralAcknowledged',
      data: { referralId, acknowledgedAt: context.now.toISOString(), acknowledgedBy: context.actor.subject },
    },
  ];
}

/**
 * Receiver: accepts responsibility. From `requested` it records both steps, ReferralAcknowledged then
 * ReferralAccepted at the same instant (FHIR: received, then accepted), so the history and the deadlines read
 * the same whichever way the receiver got there.
 */
export function acceptReferral(
  command: AcceptReferral,
  state: ReferralState,
  context: DecisionContext,
): ReferralEvent[] {
  const referralId = requireSameReferral(command, state);
  requireTransition('AcceptReferral', state);
  requireSide('AcceptReferral', state, context.actor);
  const at = context.now.toISOString();
  const by = context.actor.subject;
  const accepted: ReferralEvent = {
    type: 'ReferralAccepted',
    data: { referralId, acceptedAt: at, acceptedBy: by },
  };
  if (state.status === 'requested') {
    return [
      { type: 'ReferralAcknowledged', data: { referralId, acknowledgedAt: at, acknowledgedBy: by } },
      accepted,
    ];
  }
  return [accepted];
}

/** Receiver: declines with a reason code and, optionally (required with `other`), an encrypted note. */
export function declineReferral(
  command: DeclineReferral,
  state: ReferralState,
  context: DecisionContext,
): ReferralEvent[] {
  const reason = validCode(command.reason, DECLINE_REASONS, 'referral.invalid_decline_reason', 'reason');
  const referralId = requireSameReferral(command, state);
  requireTransition('DeclineReferral', state);
  requireSide('DeclineReferral', state, context.actor);
  const note = optionalNote(command.note, state.caseId!, 'note');
  requireNoteForOther(reason, note, 'reason', 'note');
  return [
    {
      type: 'ReferralDeclined',
      data: {
        referralId,
        reason,
        note,
        declinedAt: context.now.toISOString(),
        declinedBy: context.actor.subject,
      },
    },
  ];
}

/**
 * Either side: a follow-up. The receiver's first one on an accepted referral also records ReferralStarted
 * (accepted → in_progress). The same followUpId again records nothing when it is the same report, and is
 * refused (409 `referral.follow_up_exists`) when it differs.
 */
export function reportFollowUp(
  command: ReportFollowUp,
  state: ReferralState,
  context: DecisionContext,
): ReferralEvent[] {
  const followUpId = validIdentifier(command.followUpId, 'followUpId');
  const services = validServices(command.services, 'services');
  const status = validCode(command.status, FOLLOW_UP_STATUSES, 'referral.invalid_follow_up_status', 'status');
  const referralId = requireSameReferral(command, state);
  requireTransition('ReportFollowUp', state);
  const side = requireSide('ReportFollowUp', state, context.actor) as 'sender' | 'receiver';
  const note = optionalNote(command.note, state.caseId!, 'note');
  const existing = state.followUps.find((f) => f.followUpId === followUpId);
  if (existing) {
    const same =
      existing.side === side &&
      existing.status === status &&
      existing.services.join() === services.join() &&
      isDeepStrictEqual(existing.note, note);
    if (same) return [];
    throw new ConflictError(
      'referral.follow_up_exists',
      {
        es: `Ya se registró un seguimiento con el identificador ${followUpId}, con otro contenido. Use un identificador nuevo para un seguimiento nuevo.`,
        en: `A follow-up with id ${followUpId} was already recorded, with different content. Use a new id for a new follow-up.`,
      },
      { followUpId },
    );
  }
  const at = context.now.toISOString();
  const by = context.actor.subject;
  const reported: ReferralEvent = {
    type: 'FollowUpReported',
    data: { referralId, followUpId, side, services, status, note, reportedAt: at, reportedBy: by },
  };
  if (side === 'receiver' && state.status === 'accepted') {
    return [
      { type: 'ReferralStarted', data: { referralId, followUpId, startedAt: at, startedBy: by } },
      reported,
    ];
  }
  return [reported];
}

/** Receiver: closes the referral with its outcome (not while a transfer is pending). */
export function closeReferral(
  command: CloseReferral,
  state: ReferralState,
  context: DecisionContext,
): ReferralEvent[] {
  const outcome = validCode(command.outcome, CLOSE_OUTCOMES, 'referral.invalid_outcome', 'outcome');
  const referralId = requireSameReferral(command, state);
  requireTransition('CloseReferral', state);
  requireSide('CloseReferral', state, context.actor);
  return [
    {
      type: 'ReferralCompleted',
      data: {
        referralId,
        outcome,
        completedAt: context.now.toISOString(),
        completedBy: context.actor.subject,
      },
    },
  ];
}
