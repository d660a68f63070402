import { COUNTRY_NAMES, ConflictError, ValidationError } from '@crm/kernel';
import type { DecisionContext } from '@crm/decider';
import type { AcceptTransfer, DeclineTransfer, InstitutionRef, RequestTransfer } from './commands';
import { stillShared } from './consent';
import { requireSameReferral } from './checks';
import { DECLINE_REASONS, TRANSFER_REASONS } from './codes';
import type { ReferralEvent } from './events';
import { optionalNote, requireNoteForOther } from './note';
import type { PendingTransfer, ReferralState } from './state';
import { requireSide, requireTransition, transferCategories } from './transitions';
import { validCode, validIdentifier, validInstitution } from './validation';

/**
 * Transfers: the receiver proposes to hand the referral over to an institution of a third country (neither
 * the sender's country nor its own); that institution's country (the transferee) accepts, and becomes the
 * receiver, or declines, and nothing moves. A transfer carries only the still-shared categories (shared minus
 * withdrawn); with none left it is refused (409 `referral.nothing_left_to_share`).
 */

function requireThirdCountry(to: InstitutionRef, state: ReferralState): void {
  const sender = state.from!;
  const receiver = state.to!;
  if (to.country !== sender.country && to.country !== receiver.country) return;
  const own = to.country === receiver.country;
  const name = COUNTRY_NAMES[to.country];
  throw new ValidationError(
    'referral.invalid_transfer_target',
    {
      es: own
        ? `El traslado debe ir a una institución de otro país; ${name.es} ya es el país receptor. Una derivación dentro de ${name.es} se gestiona en el sistema nacional.`
        : `El traslado no puede ir al país remitente (${name.es}); si la niña, niño o adolescente regresa, cierre la referencia (p. ej. con el resultado "returned_safely") y el país remitente abrirá una nueva si hace falta.`,
      en: own
        ? `A transfer must go to an institution of another country; ${name.en} is already the receiving country. A referral within ${name.en} is handled in the national system.`
        : `A transfer cannot go to the sending country (${name.en}); if the child goes back, close the referral (e.g. with the outcome "returned_safely") and the sending country will open a new one if needed.`,
    },
    { to: to.country, sender: sender.country, receiver: receiver.country },
  );
}

function requirePendingTransfer(transferId: string, state: ReferralState): PendingTransfer {
  const pending = state.pendingTransfer!;
  if (pending.transferId === transferId) return pending;
  throw new ConflictError(
    'referral.transfer_mismatch',
    {
      es: `El traslado ${transferId} no es el pendiente en esta referencia (el pendiente es ${pending.transferId}). Recargue la referencia.`,
      en: `Transfer ${transferId} is not the one pending on this referral (the pending one is ${pending.transferId}). Reload the referral.`,
    },
    { transferId, pending: pending.transferId },
  );
}

/** Receiver: proposes the transfer; the categories it would carry are recorded with it. */
export function requestTransfer(
  command: RequestTransfer,
  state: ReferralState,
  context: DecisionContext,
): ReferralEvent[] {
  const transferId = validIdentifier(command.transferId, 'transferId');
  const to = validInstitution(command.to, 'to');
  const reason = validCode(command.reason, TRANSFER_REASONS, 'referral.invalid_transfer_reason', 'reason');
  const referralId = requireSameReferral(command, state);
  requireTransition('RequestTransfer', state);
  requireSide('RequestTransfer', state, context.actor);
  requireThirdCountry(to, state);
  const note = optionalNote(command.note, state.caseId!, 'note');
  requireNoteForOther(reason, note, 'reason', 'note');
  return [
    {
      type: 'TransferRequested',
      data: {
        referralId,
        transferId,
        from: state.to!,
        to,
        reason,
        note,
        categories: stillShared(state),
        requestedAt: context.now.toISOString(),
        requestedBy: context.actor.subject,
      },
    },
  ];
}

/** Transferee: takes the referral over: it becomes the receiver (status accepted), the previous one is kept. */
export function acceptTransfer(
  command: AcceptTransfer,
  state: ReferralState,
  context: DecisionContext,
): ReferralEvent[] {
  const transferId = validIdentifier(command.transferId, 'transferId');
  const referralId = requireSameReferral(command, state);
  requireTransition('AcceptTransfer', state);
  requireSide('AcceptTransfer', state, context.actor);
  const pending = requirePendingTransfer(transferId, state);
  return [
    {
      type: 'TransferAccepted',
      data: {
        referralId,
        transferId,
        previousReceiver: state.to!,
        receiver: pending.to,
        categories: transferCategories(state),
        acceptedAt: context.now.toISOString(),
        acceptedBy: context.actor.subject,
      },
    },
  ];
}

/** Transferee: declines; the receiver keeps the referral. */
export function declineTransfer(
  command: DeclineTransfer,
  state: ReferralState,
  context: DecisionContext,
): ReferralEvent[] {
  const transferId = validIdentifier(command.transferId, 'transferId');
  const reason = validCode(command.reason, DECLINE_REASONS, 'referral.invalid_decline_reason', 'reason');
  const referralId = requireSameReferral(command, state);
  requireTransition('DeclineTransfer', state);
  requireSide('DeclineTransfer', state, context.actor);
  requirePendingTransfer(transferId, state);
  const note = optionalNote(command.note, state.caseId!, 'note');
  requireNoteForOther(reason, note, 'reason', 'note');
  return [
    {
      type: 'TransferDeclined',
      data: {
        referralId,
        transferId,
        reason,
        note,
        declinedAt: context.now.toISOString(),
        declinedBy: context.actor.subject,
      },
    },
  ];
}
