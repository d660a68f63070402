import { ValidationError } from '@crm/kernel';
import type { DecisionContext } from '@crm/decider';
import type { DataCategory } from '../../shared/vocabulary';
import { ENTERED_IN_ERROR_REASONS, OVERRIDE_REASONS, REVOKE_REASONS, URGENCIES } from './codes';
import type {
  ConsentBasisInput,
  DraftReferral,
  MarkEnteredInError,
  RevokeReferral,
  SendReferral,
  UpdateDraft,
} from './commands';
import { intersectCategories, withoutCategories } from './consent';
import { requireSameReferral } from './checks';
import type { ConsentBasis, ReferralEvent } from './events';
import { optionalNote, requireNoteForOther } from './note';
import type { ReferralState } from './state';
import { requireSide, requireTransition } from './transitions';
import {
  requireCrossBorder,
  validCategories,
  validCode,
  validDeadline,
  validIdentifier,
  validInstitution,
  validServices,
} from './validation';

/**
 * The sender's commands: draft, amend, send, revoke, mark entered in error. Each checks, in this order: the
 * payload (422), the command's referral against the stream's (422), the transition from the current status
 * (409), the side of the actor (403), then its own rules. A refusal throws before anything is returned.
 */

/** Sender: opens the referral as a draft. */
export function draftReferral(
  command: DraftReferral,
  state: ReferralState,
  context: DecisionContext,
): ReferralEvent[] {
  const from = validInstitution(command.from, 'from');
  const to = validInstitution(command.to, 'to');
  const caseId = validIdentifier(command.caseId, 'caseId');
  const servicesRequested = validServices(command.servicesRequested);
  const categories = validCategories(command.categories);
  const urgency = validCode(command.urgency, URGENCIES, 'referral.invalid_urgency', 'urgency');
  const referralId = requireSameReferral(command, state);
  requireTransition('DraftReferral', state);
  requireSide('DraftReferral', state, context.actor, { from, to, pendingTransfer: null });
  requireCrossBorder(from, to);
  return [
    {
      type: 'ReferralDrafted',
      data: {
        referralId,
        caseId,
        from,
        to,
        servicesRequested,
        categories,
        urgency,
        draftedAt: context.now.toISOString(),
        draftedBy: context.actor.subject,
      },
    },
  ];
}

/** Sender: amends the draft; an amendment that changes nothing records nothing. */
export function updateDraft(
  command: UpdateDraft,
  state: ReferralState,
  context: DecisionContext,
): ReferralEvent[] {
  const given = ['to', 'servicesRequested', 'categories', 'urgency'].filter(
    (field) => (command as unknown as Record<string, unknown>)[field] !== undefined,
  );
  if (given.length === 0) {
    throw new ValidationError('referral.empty_update', {
      es: 'Indique qué cambiar del borrador: la institución receptora, los servicios, las categorías de datos o la urgencia.',
      en: 'Say what to change in the draft: the receiving institution, the services, the data categories or the urgency.',
    });
  }
  const to = command.to === undefined ? undefined : validInstitution(command.to, 'to');
  const services =
    command.servicesRequested === undefined ? undefined : validServices(command.servicesRequested);
  const categories = command.categories === undefined ? undefined : validCategories(command.categories);
  const urgency =
    command.urgency === undefined
      ? undefined
      : validCode(command.urgency, URGENCIES, 'referral.invalid_urgency', 'urgency');
  const referralId = requireSameReferral(command, state);
  requireTransition('UpdateDraft', state);
  requireSide('UpdateDraft', state, context.actor);
  const next = {
    to: to ?? state.to!,
    servicesRequested: services ?? state.servicesRequested,
    categories: categories ?? state.categories,
    urgency: urgency ?? state.urgency!,
  };
  requireCrossBorder(state.from!, next.to);
  const same =
    next.to.country === state.to!.country &&
    next.to.institutionId === state.to!.institutionId &&
    next.servicesRequested.join() === state.servicesRequested.join() &&
    next.categories.join() === state.categories.join() &&
    next.urgency === state.urgency;
  if (same) return [];
  return [
    {
      type: 'ReferralDraftUpdated',
      data: { referralId, ...next, updatedAt: context.now.toISOString(), updatedBy: context.actor.subject },
    },
  ];
}

/**
 * The basis as given, validated (422); consent ids de-duplicated in their order. An override's note is left
 * out here: it is checked against the referral's case once the referral is known (`withOverrideNote`).
 */
function validBasis(input: ConsentBasisInput): ConsentBasis {
  const kind = (input as { kind?: unknown } | undefined)?.kind;
  if (kind === 'consent') {
    const c = input as Extract<ConsentBasisInput, { kind: 'consent' }>;
    const ids = Array.isArray(c.consentIds) ? c.consentIds : [];
    if (ids.length === 0) {
      throw new ValidationError('referral.consent_required', {
        es: 'Indique al menos un consentimiento registrado del caso, o registre una excepción autorizada.',
        en: 'Give at least one consent recorded on the case, or record an authorised override.',
      });
    }
    const consentIds = [...new Set(ids.map((id, i) => validIdentifier(id, `consent.consentIds[${i}]`)))];
    return { kind, consentIds, covered: validCategories(c.covered, 'consent.covered', 0) };
  }
  if (kind === 'override') {
    const o = input as Extract<ConsentBasisInput, { kind: 'override' }>;
    const reason = validCode(
      o.reason,
      OVERRIDE_REASONS,
      'referral.invalid_override_reason',
      'consent.reason',
    );
    return { kind, reason, note: null, authorisedBy: validAuthorisingRole(o.authorisedBy) };
  }
  throw new ValidationError(
    'referral.invalid_basis',
    {
      es: 'La base de la divulgación debe ser "consent" (los consentimientos del caso) u "override" (una excepción con su motivo y quién la autorizó).',
      en: 'The basis of the disclosure must be "consent" (the case’s consents) or "override" (an exception with its reason and who authorised it).',
    },
    { kind: String(kind) },
  );
}

/** An override's encrypted note, checked against the referral's case (422); required with `other`. */
function withOverrideNote(basis: ConsentBasis, input: ConsentBasisInput, caseId: string): ConsentBasis {
  if (basis.kind !== 'override') return basis;
  const note = optionalNote((input as { note?: unknown }).note, caseId, 'consent.note');
  requireNoteForOther(basis.reason, note, 'consent.reason', 'consent.note');
  return { ...basis, note };
}

const ROLE_PATTERN = /^[a-z][a-z_]{1,63}$/;

function validAuthorisingRole(value: unknown): string {
  if (typeof value === 'string' && ROLE_PATTERN.test(value)) return value;
  throw new ValidationError(
    'referral.invalid_authorised_by',
    {
      es: `"consent.authorisedBy" debe ser el rol de quien autorizó la excepción (p. ej. protection_supervisor), no "${String(value)}".`,
      en: `"consent.authorisedBy" must be the role of whoever authorised the override (e.g. protection_supervisor), not "${String(value)}".`,
    },
    { value: String(value) },
  );
}

/** Sender: sends the draft; refused (422) when a consent basis covers none of the requested categories. */
export function sendReferral(
  command: SendReferral,
  state: ReferralState,
  context: DecisionContext,
): ReferralEvent[] {
  const given = validBasis(command.consent);
  const deadlines = (command.deadlines ?? {}) as Partial<SendReferral['deadlines']>;
  const acknowledgeBy = validDeadline(deadlines.acknowledgeBy, 'deadlines.acknowledgeBy', context.now);
  const decideBy = validDeadline(deadlines.decideBy, 'deadlines.decideBy', context.now);
  if (Date.parse(decideBy) < Date.parse(acknowledgeBy)) {
    throw new ValidationError(
      'referral.invalid_deadline',
      {
        es: `El plazo para decidir (${decideBy}) no puede ser anterior al plazo para acusar recibo (${acknowledgeBy}).`,
        en: `The deadline to decide (${decideBy}) cannot be earlier than the deadline to acknowledge (${acknowledgeBy}).`,
      },
      { acknowledgeBy, decideBy },
    );
  }
  const referralId = requireSameReferral(command, state);
  requireTransition('SendReferral', state);
  requireSide('SendReferral', state, context.actor);
  const basis = withOverrideNote(given, command.consent, state.caseId!);
  const shared: DataCategory[] =
    basis.kind === 'override' ? [...state.categories] : intersectCategories(state.categories, basis.covered);
  if (shared.length === 0) {
    throw new ValidationError(
      'referral.consent_required',
      {
        es: `Los consentimientos indicados no cubren ninguna de las categorías de datos solicitadas (${state.categories.join(', ')}). Registre un consentimiento que las cubra o una excepción autorizada.`,
        en: `The consents given cover none of the data categories requested (${state.categories.join(', ')}). Record a consent that covers them, or an authorised override.`,
      },
      { requested: state.categories, covered: basis.kind === 'consent' ? basis.covered : [] },
    );
  }
  return [
    {
      type: 'ReferralSent',
      data: {
        referralId,
        basis,
        sharedCategories: shared,
        withheldCategories: withoutCategories(state.categories, shared),
        acknowledgeBy,
        decideBy,
        sentAt: context.now.toISOString(),
        sentBy: context.actor.subject,
      },
    },
  ];
}

/** Sender: withdraws a sent referral (FHIR: cancelled); a pending transfer lapses with it. */
export function revokeReferral(
  command: RevokeReferral,
  state: ReferralState,
  context: DecisionContext,
): ReferralEvent[] {
  const reason = validCode(command.reason, REVOKE_REASONS, 'referral.invalid_revoke_reason', 'reason');
  const referralId = requireSameReferral(command, state);
  requireTransition('RevokeReferral', state);
  requireSide('RevokeReferral', state, context.actor);
  const note = optionalNote(command.note, state.caseId!, 'note');
  requireNoteForOther(reason, note, 'reason', 'note');
  return [
    {
      type: 'ReferralRevoked',
      data: {
        referralId,
        reason,
        note,
        previousStatus: state.status!,
        revokedAt: context.now.toISOString(),
        revokedBy: context.actor.subject,
      },
    },
  ];
}

/** Sender: the referral should never have existed (draft or requested). */
export function markEnteredInError(
  command: MarkEnteredInError,
  state: ReferralState,
  context: DecisionContext,
): ReferralEvent[] {
  const reason = validCode(
    command.reason,
    ENTERED_IN_ERROR_REASONS,
    'referral.invalid_entered_in_error_reason',
    'reason',
  );
  const referralId = requireSameReferral(command, state);
  requireTransition('MarkEnteredInError', state);
  requireSide('MarkEnteredInError', state, context.actor);
  const note = optionalNote(command.note, state.caseId!, 'note');
  requireNoteForOther(reason, note, 'reason', 'note');
  return [
    {
      type: 'ReferralEnteredInError',
      data: {
        referralId,
        reason,
        note,
        previousStatus: state.status!,
        markedAt: context.now.toISOString(),
        markedBy: context.actor.subject,
      },
    },
  ];
}
