import {
  COUNTRY_NAMES,
  ConflictError,
  ForbiddenError,
  SECRETARIAT,
  isCountryCode,
  type LocalizedText,
} from '@crm/kernel';
import type { DecisionContext } from '@crm/decider';
import type { ReferralTransitionCommandType } from './commands';
import { stillShared } from './consent';
import { SIDE_LABELS, countryOfSide, isSystemActor, sideOf, type ReferralSide } from './sides';
import type { ReferralState } from './state';
import { statusLabel, type ReferralStatus } from './status';

/**
 * The lifecycle as data: for each command people send, the statuses it is accepted in (null: no referral yet),
 * the side that owns it, and a guard for what the status alone does not say (a pending transfer, a pending
 * consent withdrawal, categories left to share).
 *
 *   (none)        -DraftReferral (S)->        draft
 *   draft         -UpdateDraft (S)->          draft
 *   draft         -SendReferral (S)->         requested
 *   draft         -MarkEnteredInError (S)->   entered_in_error
 *   requested     -MarkEnteredInError (S)->   entered_in_error
 *   requested     -AcknowledgeReferral (R)->  acknowledged
 *   requested     -AcceptReferral (R)->       accepted        (records the acknowledgement too)
 *   acknowledged  -AcceptReferral (R)->       accepted
 *   requested, acknowledged            -DeclineReferral (R)-> declined
 *   requested, acknowledged, accepted, in_progress -RevokeReferral (S)-> revoked
 *   accepted      -ReportFollowUp (R)->       in_progress     (the receiver's first follow-up; the sender's changes no status)
 *   in_progress   -ReportFollowUp (S|R)->     in_progress
 *   accepted, in_progress -CloseReferral (R)->    completed   (not while a transfer is pending)
 *   accepted, in_progress -RequestTransfer (R)->  same        (a transfer becomes pending)
 *   accepted, in_progress -AcceptTransfer (T)->   accepted    (the transferee becomes the receiver)
 *   accepted, in_progress -DeclineTransfer (T)->  same        (nothing moves)
 *   requested … entered_in_error -AcknowledgeConsentWithdrawal (R)-> same (while a withdrawal is pending)
 *
 * S sender, R receiver, T transferee.
 */
export interface Transition {
  from: readonly (ReferralStatus | null)[];
  owners: readonly ReferralSide[];
  /** Why the command cannot run now although the status allows it; null when it can. */
  guard?: (state: ReferralState) => Blocker | null;
}

/** A reason a command cannot run now (409). */
export interface Blocker {
  code: string;
  /** Why, beyond the status (null when the status alone does not allow the command). */
  text: LocalizedText | null;
}

export const INVALID_TRANSITION = 'referral.invalid_transition';
export const NOTHING_LEFT_TO_SHARE = 'referral.nothing_left_to_share';
export const WRONG_SIDE = 'referral.wrong_side';

const OPEN_AFTER_ACCEPTANCE: readonly ReferralStatus[] = ['accepted', 'in_progress'];
/** Every status in which data has been disclosed (a consent withdrawal concerns the receiver in all of them). */
const SENT: readonly ReferralStatus[] = [
  'requested',
  'acknowledged',
  'accepted',
  'in_progress',
  'completed',
  'declined',
  'revoked',
  'entered_in_error',
];

function blocked(es: string, en: string, code = INVALID_TRANSITION): Blocker {
  return { code, text: { es, en } };
}

const noPendingTransfer = (state: ReferralState): Blocker | null =>
  state.pendingTransfer
    ? blocked(
        `hay un traslado pendiente (${state.pendingTransfer.transferId}) que la institución propuesta aún no responde`,
        `a transfer is pending (${state.pendingTransfer.transferId}) that the proposed institution has not answered yet`,
      )
    : null;

const transferPending = (state: ReferralState): Blocker | null =>
  state.pendingTransfer ? null : blocked('no hay ningún traslado pendiente', 'no transfer is pending');

const noPendingWithdrawal = (state: ReferralState): Blocker | null =>
  state.pendingWithdrawals.length > 0
    ? blocked(
        'la institución receptora debe acusar recibo primero del retiro del consentimiento pendiente',
        'the receiving institution must first acknowledge the pending consent withdrawal',
      )
    : null;

const nothingLeft = (): Blocker =>
  blocked(
    'el consentimiento ya no cubre ninguna de las categorías de datos compartidas, así que el traslado no puede llevar ningún dato; obtenga un nuevo consentimiento y cree una nueva referencia',
    'the consent no longer covers any of the data categories shared, so the transfer could carry no data; obtain a new consent and create a new referral',
    NOTHING_LEFT_TO_SHARE,
  );

export const TRANSITIONS: Readonly<Record<ReferralTransitionCommandType, Transition>> = {
  DraftReferral: { from: [null], owners: ['sender'] },
  UpdateDraft: { from: ['draft'], owners: ['sender'] },
  SendReferral: { from: ['draft'], owners: ['sender'] },
  RevokeReferral: { from: ['requested', 'acknowledged', 'accepted', 'in_progress'], owners: ['sender'] },
  MarkEnteredInError: { from: ['draft', 'requested'], owners: ['sender'] },
  AcknowledgeReferral: { from: ['requested'], owners: ['receiver'] },
  AcceptReferral: { from: ['requested', 'acknowledged'], owners: ['receiver'] },
  DeclineReferral: { from: ['requested', 'acknowledged'], owners: ['receiver'] },
  ReportFollowUp: { from: OPEN_AFTER_ACCEPTANCE, owners: ['sender', 'receiver'] },
  CloseReferral: { from: OPEN_AFTER_ACCEPTANCE, owners: ['receiver'], guard: noPendingTransfer },
  RequestTransfer: {
    from: OPEN_AFTER_ACCEPTANCE,
    owners: ['receiver'],
    guard: (state) =>
      noPendingTransfer(state) ??
      noPendingWithdrawal(state) ??
      (stillShared(state).length === 0 ? nothingLeft() : null),
  },
  AcceptTransfer: {
    from: OPEN_AFTER_ACCEPTANCE,
    owners: ['transferee'],
    guard: (state) =>
      transferPending(state) ??
      noPendingWithdrawal(state) ??
      (transferCategories(state).length === 0 ? nothingLeft() : null),
  },
  DeclineTransfer: { from: OPEN_AFTER_ACCEPTANCE, owners: ['transferee'], guard: transferPending },
  AcknowledgeConsentWithdrawal: {
    from: SENT,
    owners: ['receiver'],
    guard: (state) =>
      state.pendingWithdrawals.length > 0
        ? null
        : blocked(
            'no hay ningún retiro del consentimiento pendiente de acuse',
            'no consent withdrawal awaits acknowledgement',
          ),
  },
};

export const TRANSITION_COMMAND_TYPES = Object.keys(TRANSITIONS) as ReferralTransitionCommandType[];

/** What a pending transfer would carry now: its categories, minus any withdrawn since it was requested. */
export function transferCategories(state: ReferralState): ReferralState['sharedCategories'] {
  if (!state.pendingTransfer) return [];
  return state.pendingTransfer.categories.filter((c) => !state.withdrawnCategories.includes(c));
}

/** The action each command is, as an infinitive (es/en), for refusals and views. */
export const ACTION_LABELS: Readonly<Record<ReferralTransitionCommandType, LocalizedText>> = {
  DraftReferral: { es: 'crear el borrador de', en: 'draft' },
  UpdateDraft: { es: 'modificar el borrador de', en: 'amend the draft of' },
  SendReferral: { es: 'enviar', en: 'send' },
  RevokeReferral: { es: 'revocar', en: 'revoke' },
  MarkEnteredInError: { es: 'marcar como registrada por error', en: 'mark as entered in error' },
  AcknowledgeReferral: { es: 'acusar recibo de', en: 'acknowledge' },
  AcceptReferral: { es: 'aceptar', en: 'accept' },
  DeclineReferral: { es: 'rechazar', en: 'decline' },
  ReportFollowUp: { es: 'informar un seguimiento de', en: 'report a follow-up on' },
  CloseReferral: { es: 'cerrar', en: 'close' },
  RequestTransfer: { es: 'solicitar el traslado de', en: 'request the transfer of' },
  AcceptTransfer: { es: 'aceptar el traslado de', en: 'accept the transfer of' },
  DeclineTransfer: { es: 'rechazar el traslado de', en: 'decline the transfer of' },
  AcknowledgeConsentWithdrawal: {
    es: 'acusar recibo del retiro del consentimiento en',
    en: 'acknowledge the consent withdrawal on',
  },
};

/** Short names of the actions, for the list of what is possible now. */
const ACTION_NAMES: Readonly<Record<ReferralTransitionCommandType, LocalizedText>> = {
  DraftReferral: { es: 'crear borrador', en: 'draft' },
  UpdateDraft: { es: 'modificar borrador', en: 'amend draft' },
  SendReferral: { es: 'enviar', en: 'send' },
  RevokeReferral: { es: 'revocar', en: 'revoke' },
  MarkEnteredInError: { es: 'marcar como registrada por error', en: 'mark entered in error' },
  AcknowledgeReferral: { es: 'acusar recibo', en: 'acknowledge' },
  AcceptReferral: { es: 'aceptar', en: 'accept' },
  DeclineReferral: { es: 'rechazar', en: 'decline' },
  ReportFollowUp: { es: 'informar seguimiento', en: 'report follow-up' },
  CloseReferral: { es: 'cerrar', en: 'close' },
  RequestTransfer: { es: 'solicitar traslado', en: 'request transfer' },
  AcceptTransfer: { es: 'aceptar traslado', en: 'accept transfer' },
  DeclineTransfer: { es: 'rechazar traslado', en: 'decline transfer' },
  AcknowledgeConsentWithdrawal: {
    es: 'acusar retiro del consentimiento',
    en: 'acknowledge consent withdrawal',
  },
};

/** Null when `command` may run in this state (whoever sends it), else why not. */
export function blockerOf(command: ReferralTransitionCommandType, state: ReferralState): Blocker | null {
  const transition = TRANSITIONS[command];
  if (!transition.from.includes(state.status)) return { code: INVALID_TRANSITION, text: null };
  return transition.guard?.(state) ?? null;
}

function isAvailable(command: ReferralTransitionCommandType, state: ReferralState): boolean {
  return blockerOf(command, state) === null;
}

/**
 * The commands `side` may send now (for views: which buttons to show). The Secretariat, third countries and
 * the system actor (side null) have none.
 */
export function allowedActions(
  state: ReferralState,
  side: ReferralSide | null,
): ReferralTransitionCommandType[] {
  if (side === null) return [];
  return TRANSITION_COMMAND_TYPES.filter(
    (command) => TRANSITIONS[command].owners.includes(side) && isAvailable(command, state),
  );
}

function ownersText(owners: readonly ReferralSide[], state: ReferralState, lang: 'es' | 'en'): string {
  const or = lang === 'es' ? ' o ' : ' or ';
  return owners
    .map((side) => {
      const country = countryOfSide(state, side);
      return country ? `${SIDE_LABELS[side][lang]} (${country})` : SIDE_LABELS[side][lang];
    })
    .join(or);
}

/** Everything possible now, each with who may do it: "aceptar (la institución receptora), revocar (…)". */
function possibleNow(state: ReferralState, lang: 'es' | 'en'): string {
  const possible = TRANSITION_COMMAND_TYPES.filter((command) => isAvailable(command, state));
  if (possible.length === 0) return lang === 'es' ? 'ninguna' : 'none';
  return possible
    .map(
      (command) => `${ACTION_NAMES[command][lang]} (${ownersText(TRANSITIONS[command].owners, state, lang)})`,
    )
    .join(', ');
}

/**
 * 409 unless `command` may run now: `referral.invalid_transition` naming the current status, why (when the
 * status allows it but a guard does not) and every action possible now; or the guard's own code
 * (`referral.nothing_left_to_share`).
 */
export function requireTransition(command: ReferralTransitionCommandType, state: ReferralState): void {
  const blocker = blockerOf(command, state);
  if (!blocker) return;
  const status = statusLabel(state.status);
  const why = (lang: 'es' | 'en') => (blocker.text ? `: ${blocker.text[lang]}` : '');
  const allowed = TRANSITION_COMMAND_TYPES.filter((c) => isAvailable(c, state));
  throw new ConflictError(
    blocker.code,
    {
      es: `No se puede ${ACTION_LABELS[command].es} una referencia en estado «${status.es}»${why('es')}. Acciones posibles ahora: ${possibleNow(state, 'es')}.`,
      en: `Cannot ${ACTION_LABELS[command].en} a referral in status "${status.en}"${why('en')}. Actions possible now: ${possibleNow(state, 'en')}.`,
    },
    { current: state.status, attempted: command, allowed },
  );
}

function actorText(actor: DecisionContext['actor'], lang: 'es' | 'en'): string {
  if (isSystemActor(actor)) return lang === 'es' ? 'el sistema' : 'the system';
  if (actor.country === SECRETARIAT)
    return lang === 'es' ? 'la Secretaría Técnica' : 'the Technical Secretariat';
  return isCountryCode(actor.country)
    ? `${COUNTRY_NAMES[actor.country][lang]} (${actor.country})`
    : actor.country;
}

/**
 * The side `actor` acts for, when it is one of the command's owners; else 403 `referral.wrong_side` naming the
 * side (and country) that owns the command and what the actor is. `parties` defaults to the state (a draft,
 * which has no state yet, passes its own from/to).
 */
export function requireSide(
  command: ReferralTransitionCommandType,
  state: ReferralState,
  actor: DecisionContext['actor'],
  parties: Pick<ReferralState, 'from' | 'to' | 'pendingTransfer'> = state,
): ReferralSide {
  const side = sideOf(parties, actor);
  const owners = TRANSITIONS[command].owners;
  if (side !== null && owners.includes(side)) return side;
  const owner = (lang: 'es' | 'en') => ownersText(owners, { ...state, ...parties }, lang);
  const who = (lang: 'es' | 'en') =>
    side === null
      ? lang === 'es'
        ? `${actorText(actor, 'es')}, que no es parte de esta referencia`
        : `${actorText(actor, 'en')}, which is not a party to this referral`
      : `${SIDE_LABELS[side][lang]} (${actorText(actor, lang)})`;
  throw new ForbiddenError(
    WRONG_SIDE,
    {
      es: `Solo ${owner('es')} puede ${ACTION_LABELS[command].es} esta referencia; usted actúa por ${who('es')}.`,
      en: `Only ${owner('en')} may ${ACTION_LABELS[command].en} this referral; you act for ${who('en')}.`,
    },
    { attempted: command, owners: [...owners], actorSide: side, actorCountry: actor.country },
  );
}
