import { isDeepStrictEqual } from 'node:util';
import { ConflictError, NotFoundError, ValidationError } from '@crm/kernel';
import type { DecisionContext } from '@crm/decider';
import { calendarDateOf } from '../../shared/formats';
import { validateCaseId } from './case-id';
import { CONSENT_FORMS, CONSENT_GIVERS, WITHDRAWAL_REASONS } from './case-codes';
import { requireCase, validateCode, validateEntryId } from './checks';
import type { NarrowConsent, RecordConsent, WithdrawConsent } from './commands';
import { isStrictlyNarrower, scopeReduction, validateConsentScope } from './consent-scope';
import type { CaseEvent } from './events';
import { findConsent, type CaseState, type ConsentRecord } from './state';

const WHAT = { es: 'Consentimiento', en: 'Consent' };

/** The consent the command names (404 when the case has none with that id). */
function requireConsent(state: CaseState, consentId: string): ConsentRecord {
  const consent = findConsent(state, consentId);
  if (consent) return consent;
  throw new NotFoundError(
    'referral.case.unknown_consent',
    {
      es: `El caso no tiene un consentimiento con el identificador ${consentId}.`,
      en: `The case has no consent with id ${consentId}.`,
    },
    { consentId },
  );
}

/**
 * Records a consent (or a child's assent). A guardian gives consent, never assent (422). The same consent
 * again records nothing; another one under the same id is refused (409).
 */
export function recordConsent(
  command: RecordConsent,
  state: CaseState,
  context: DecisionContext,
): CaseEvent[] {
  const caseId = validateCaseId(command.caseId);
  const consentId = validateEntryId(command.consentId, WHAT);
  const givenBy = validateCode(CONSENT_GIVERS, command.givenBy, 'referral.case.invalid_consent', WHAT);
  const form = validateCode(CONSENT_FORMS, command.form, 'referral.case.invalid_consent', WHAT);
  if (givenBy === 'guardian' && form === 'assent') {
    throw new ValidationError('referral.case.invalid_consent', {
      es: 'La madre, el padre o el tutor legal da su consentimiento, no un asentimiento: el asentimiento es de la niña o el niño.',
      en: 'A parent or legal guardian gives consent, not assent: assent is what a younger child gives.',
    });
  }
  const scope = validateConsentScope(command.scope, calendarDateOf(context.now));
  requireCase(caseId, state);
  const existing = findConsent(state, consentId);
  if (existing) {
    const same =
      existing.givenBy === givenBy &&
      existing.form === form &&
      isDeepStrictEqual(existing.originalScope, scope) &&
      existing.narrowings === 0 &&
      existing.withdrawal === null;
    if (same) return [];
    throw new ConflictError(
      'referral.case.consent_exists',
      {
        es: `Ya hay un consentimiento con el identificador ${consentId} con otro contenido (o ya restringido o retirado); use un identificador nuevo.`,
        en: `A consent with id ${consentId} already exists with other content (or was narrowed or withdrawn); use a new id.`,
      },
      { consentId },
    );
  }
  return [
    {
      type: 'ConsentRecorded',
      data: {
        caseId,
        consentId,
        givenBy,
        form,
        scope,
        recordedAt: context.now.toISOString(),
        recordedBy: context.actor.subject,
      },
    },
  ];
}

/**
 * Reduces a consent's scope: the new scope must be a strict subset of the current one (422 otherwise: to
 * share more, record a new consent). Allowed on a closed case; refused on a withdrawn consent (409).
 */
export function narrowConsent(
  command: NarrowConsent,
  state: CaseState,
  context: DecisionContext,
): CaseEvent[] {
  const caseId = validateCaseId(command.caseId);
  const consentId = validateEntryId(command.consentId, WHAT);
  const scope = validateConsentScope(command.scope, calendarDateOf(context.now));
  requireCase(caseId, state, { closedToo: true });
  const consent = requireConsent(state, consentId);
  if (consent.withdrawal) {
    throw new ConflictError(
      'referral.case.consent_withdrawn',
      {
        es: `El consentimiento ${consentId} ya fue retirado; no hay nada que restringir.`,
        en: `Consent ${consentId} was already withdrawn; there is nothing left to narrow.`,
      },
      { consentId },
    );
  }
  if (!isStrictlyNarrower(consent.scope, scope)) {
    throw new ValidationError(
      'referral.case.consent_not_narrower',
      {
        es: `El nuevo alcance del consentimiento ${consentId} debe ser más restringido que el actual (menos categorías, destinatarios o propósitos, o una fecha de fin anterior) sin añadir nada; para compartir más, registre un consentimiento nuevo.`,
        en: `The new scope of consent ${consentId} must be narrower than the current one (fewer categories, recipients or purposes, or an earlier end date) and add nothing; to share more, record a new consent.`,
      },
      { consentId, current: consent.scope, requested: scope },
    );
  }
  return [
    {
      type: 'ConsentNarrowed',
      data: {
        caseId,
        consentId,
        previous: consent.scope,
        scope,
        removed: scopeReduction(consent.scope, scope),
        narrowedAt: context.now.toISOString(),
        narrowedBy: context.actor.subject,
      },
    },
  ];
}

/** Withdraws a consent; withdrawing it again records nothing. Allowed on a closed case. */
export function withdrawConsent(
  command: WithdrawConsent,
  state: CaseState,
  context: DecisionContext,
): CaseEvent[] {
  const caseId = validateCaseId(command.caseId);
  const consentId = validateEntryId(command.consentId, WHAT);
  const reason =
    command.reason === undefined
      ? null
      : validateCode(WITHDRAWAL_REASONS, command.reason, 'referral.case.invalid_consent', {
          es: 'Motivo del retiro',
          en: 'Reason for the withdrawal',
        });
  requireCase(caseId, state, { closedToo: true });
  const consent = requireConsent(state, consentId);
  if (consent.withdrawal) return [];
  return [
    {
      type: 'ConsentWithdrawn',
      data: {
        caseId,
        consentId,
        reason,
        withdrawnAt: context.now.toISOString(),
        withdrawnBy: context.actor.subject,
      },
    },
  ];
}
