import type { Actor } from '@crm/event-store';
import type { LocalizedText } from '@crm/kernel';
import {
  allowedActions,
  fhirTaskStatus,
  statusLabel,
  type FhirTaskStatus,
  sideOf,
  type ReferralSide,
  type ReferralState,
  type ReferralStatus,
  type ReferralTransitionCommandType,
} from './domain';
import { referralNotFound } from './errors';

/**
 * What the API answers about a referral to one of its sides (or the Secretariat's status view): its status,
 * parties, what was shared and withdrawn, deadlines and follow-ups, never the child's data (that is the
 * disclosed view, `GET /referrals/referrals/:id/disclosed-view`, revealed per recipient and logged). Notes of
 * follow-ups are left out here for the same reason. `revision` is the stream revision to send in `If-Match`.
 */
export interface ReferralView {
  referralId: string;
  stream: string;
  revision: number;
  caseId: string;
  status: ReferralStatus;
  statusLabel: LocalizedText;
  /** The HL7 FHIR Task status of `status`. */
  fhirStatus: FhirTaskStatus;
  /** The caller's side (null: the Secretariat or the system). */
  side: ReferralSide | null;
  allowedActions: ReferralTransitionCommandType[];
  from: ReferralState['from'];
  to: ReferralState['to'];
  previousReceivers: ReferralState['previousReceivers'];
  servicesRequested: ReferralState['servicesRequested'];
  categories: ReferralState['categories'];
  urgency: ReferralState['urgency'];
  basis: 'consent' | 'override' | null;
  sharedCategories: ReferralState['sharedCategories'];
  withdrawnCategories: ReferralState['withdrawnCategories'];
  pendingWithdrawals: ReferralState['pendingWithdrawals'];
  pendingTransfer: { transferId: string; to: NonNullable<ReferralState['to']>; requestedAt: string } | null;
  deadlines: ReferralState['steps'];
  followUps: Array<Omit<ReferralState['followUps'][number], 'note'> & { hasNote: boolean }>;
  declineReason: ReferralState['declineReason'];
  outcome: ReferralState['outcome'];
  sentAt: string | null;
  updatedAt: string | null;
}

/** The view of `state` for `viewer` (404 `referral.not_found` when the stream is empty). */
export function toReferralView(
  stream: string,
  revision: number,
  state: ReferralState,
  viewer: Pick<Actor, 'country' | 'role'>,
): ReferralView {
  if (state.status === null || !state.referralId || !state.caseId) throw referralNotFound(stream);
  const side = sideOf(state, viewer);
  return {
    referralId: state.referralId,
    stream,
    revision,
    caseId: state.caseId,
    status: state.status,
    statusLabel: statusLabel(state.status),
    fhirStatus: fhirTaskStatus(state.status),
    side,
    allowedActions: allowedActions(state, side),
    from: state.from,
    to: state.to,
    previousReceivers: state.previousReceivers,
    servicesRequested: state.servicesRequested,
    categories: state.categories,
    urgency: state.urgency,
    basis: state.basis?.kind ?? null,
    sharedCategories: state.sharedCategories,
    withdrawnCategories: state.withdrawnCategories,
    pendingWithdrawals: state.pendingWithdrawals,
    pendingTransfer: state.pendingTransfer
      ? {
          transferId: state.pendingTransfer.transferId,
          to: state.pendingTransfer.to,
          requestedAt: state.pendingTransfer.requestedAt,
        }
      : null,
    deadlines: state.steps,
    followUps: state.followUps.map(({ note, ...rest }) => ({ ...rest, hasNote: note !== null })),
    declineReason: state.declineReason,
    outcome: state.outcome,
    sentAt: state.sentAt,
    updatedAt: state.updatedAt,
  };
}

/**
 * The Secretariat's view of a referral (`referrals.referral.status`): where it stands, who the parties are and
 * its deadlines, for the regional follow-up; no case id, no data categories, services or follow-ups, nothing
 * about the child.
 */
export interface ReferralStatusView {
  referralId: string;
  stream: string;
  revision: number;
  status: ReferralStatus;
  statusLabel: LocalizedText;
  fhirStatus: FhirTaskStatus;
  from: ReferralState['from'];
  to: ReferralState['to'];
  previousReceivers: ReferralState['previousReceivers'];
  pendingTransfer: ReferralView['pendingTransfer'];
  urgency: ReferralState['urgency'];
  deadlines: ReferralState['steps'];
  sentAt: string | null;
  updatedAt: string | null;
}

export function toReferralStatusView(
  stream: string,
  revision: number,
  state: ReferralState,
): ReferralStatusView {
  const view = toReferralView(stream, revision, state, { country: 'ST', role: 'secretariat' });
  return {
    referralId: view.referralId,
    stream,
    revision,
    status: view.status,
    statusLabel: view.statusLabel,
    fhirStatus: view.fhirStatus,
    from: view.from,
    to: view.to,
    previousReceivers: view.previousReceivers,
    pendingTransfer: view.pendingTransfer,
    urgency: view.urgency,
    deadlines: view.deadlines,
    sentAt: view.sentAt,
    updatedAt: view.updatedAt,
  };
}
