import type { DataCategory, FollowUpService } from '../../shared/vocabulary';
import type {
  CloseOutcome,
  DeadlineStep,
  DeclineReason,
  FollowUpStatus,
  TransferReason,
  Urgency,
} from './codes';
import type { InstitutionRef } from './commands';
import type { ConsentBasis, ReferralEvent } from './events';
import type { ReferralNote } from './note';
import type { ReferralStatus } from './status';

/**
 * The deadline of one open step. A step opens with a window (`dueAt − openedAt`); a level-1 escalation opens
 * the same window again from the missed due instant; level 2 is the last (no further timer).
 */
export interface StepDeadline {
  openedAt: string;
  dueAt: string;
  /** The step's window in milliseconds, as it was opened (kept for the level-1 escalation's new window). */
  windowMs: number;
  /** Reminders sent for this step so far, all levels. */
  reminders: number;
  /** The due instant the last reminder was for (one reminder per due instant). */
  remindedDueAt: string | null;
  /** 0 before any escalation, then 1 (backup focal point) and 2 (Secretariat). */
  level: 0 | 1 | 2;
}

/** A transfer the receiver proposed and the transferee has not answered yet. */
export interface PendingTransfer {
  transferId: string;
  to: InstitutionRef;
  reason: TransferReason;
  note: ReferralNote | null;
  categories: DataCategory[];
  requestedAt: string;
}

/** A receiver the referral was transferred away from. */
export interface PreviousReceiver extends InstitutionRef {
  transferId: string;
  /** When responsibility moved on. */
  until: string;
}

/** A consent withdrawal the receiver has not acknowledged yet. */
export interface PendingWithdrawal {
  consentId: string;
  categories: DataCategory[];
  notifiedAt: string;
  acknowledgeBy: string;
}

export interface FollowUpRecord {
  followUpId: string;
  side: 'sender' | 'receiver';
  services: FollowUpService[];
  status: FollowUpStatus;
  note: ReferralNote | null;
  reportedAt: string;
  reportedBy: string;
}

export interface ReferralState {
  referralId: string | null;
  caseId: string | null;
  /** null: no referral yet (empty stream). */
  status: ReferralStatus | null;
  /** The sending institution (the sender side is its country). */
  from: InstitutionRef | null;
  /** The current receiving institution (the receiver side is its country); changes on an accepted transfer. */
  to: InstitutionRef | null;
  previousReceivers: PreviousReceiver[];
  servicesRequested: FollowUpService[];
  /** The categories the sender asked to share. */
  categories: DataCategory[];
  urgency: Urgency | null;
  /** The legal basis recorded at sending. */
  basis: ConsentBasis | null;
  /** What was disclosed to the current receiver (at sending, or carried by the last accepted transfer). */
  sharedCategories: DataCategory[];
  /** Categories a consent withdrawal took back: never shared again (a transfer does not carry them). */
  withdrawnCategories: DataCategory[];
  pendingWithdrawals: PendingWithdrawal[];
  pendingTransfer: PendingTransfer | null;
  followUps: FollowUpRecord[];
  declineReason: DeclineReason | null;
  outcome: CloseOutcome | null;
  /** One entry per step with a deadline; null when the step is not open. */
  steps: Record<DeadlineStep, StepDeadline | null>;
  sentAt: string | null;
  updatedAt: string | null;
}

export function initialReferralState(): ReferralState {
  return {
    referralId: null,
    caseId: null,
    status: null,
    from: null,
    to: null,
    previousReceivers: [],
    servicesRequested: [],
    categories: [],
    urgency: null,
    basis: null,
    sharedCategories: [],
    withdrawnCategories: [],
    pendingWithdrawals: [],
    pendingTransfer: null,
    followUps: [],
    declineReason: null,
    outcome: null,
    steps: { acknowledge: null, decide: null, withdrawal: null },
    sentAt: null,
    updatedAt: null,
  };
}

function openStep(openedAt: string, dueAt: string): StepDeadline {
  return {
    openedAt,
    dueAt,
    windowMs: Date.parse(dueAt) - Date.parse(openedAt),
    reminders: 0,
    remindedDueAt: null,
    level: 0,
  };
}

/** A terminal status: the acknowledge and decide steps close and a pending transfer lapses. */
function ended(state: ReferralState, status: ReferralStatus, at: string): ReferralState {
  return {
    ...state,
    status,
    pendingTransfer: null,
    steps: { ...state.steps, acknowledge: null, decide: null },
    updatedAt: at,
  };
}

function union(a: readonly DataCategory[], b: readonly DataCategory[]): DataCategory[] {
  return [...a, ...b.filter((c) => !a.includes(c))];
}

/** Applies one event. Unknown event types leave the state as it is (forward compatibility). */
export function evolveReferral(state: ReferralState, event: ReferralEvent): ReferralState {
  switch (event.type) {
    case 'ReferralDrafted': {
      const d = event.data;
      return {
        ...state,
        referralId: d.referralId,
        caseId: d.caseId,
        status: 'draft',
        from: d.from,
        to: d.to,
        servicesRequested: d.servicesRequested,
        categories: d.categories,
        urgency: d.urgency,
        updatedAt: d.draftedAt,
      };
    }
    case 'ReferralDraftUpdated': {
      const d = event.data;
      return {
        ...state,
        to: d.to,
        servicesRequested: d.servicesRequested,
        categories: d.categories,
        urgency: d.urgency,
        updatedAt: d.updatedAt,
      };
    }
    case 'ReferralSent': {
      const d = event.data;
      return {
        ...state,
        status: 'requested',
        basis: d.basis,
        sharedCategories: d.sharedCategories,
        steps: {
          ...state.steps,
          acknowledge: openStep(d.sentAt, d.acknowledgeBy),
          decide: openStep(d.sentAt, d.decideBy),
        },
        sentAt: d.sentAt,
        updatedAt: d.sentAt,
      };
    }
    case 'ReferralRevoked':
      return ended(state, 'revoked', event.data.revokedAt);
    case 'ReferralEnteredInError':
      return ended(state, 'entered_in_error', event.data.markedAt);
    case 'ReferralAcknowledged':
      return {
        ...state,
        status: 'acknowledged',
        steps: { ...state.steps, acknowledge: null },
        updatedAt: event.data.acknowledgedAt,
      };
    case 'ReferralAccepted':
      return {
        ...state,
        status: 'accepted',
        steps: { ...state.steps, acknowledge: null, decide: null },
        updatedAt: event.data.acceptedAt,
      };
    case 'ReferralDeclined':
      return { ...ended(state, 'declined', event.data.declinedAt), declineReason: event.data.reason };
    case 'ReferralStarted':
      return { ...state, status: 'in_progress', updatedAt: event.data.startedAt };
    case 'FollowUpReported': {
      const { referralId: _referralId, ...record } = event.data;
      return { ...state, followUps: [...state.followUps, record], updatedAt: record.reportedAt };
    }
    case 'ReferralCompleted':
      return { ...ended(state, 'completed', event.data.completedAt), outcome: event.data.outcome };
    case 'TransferRequested': {
      const d = event.data;
      return {
        ...state,
        pendingTransfer: {
          transferId: d.transferId,
          to: d.to,
          reason: d.reason,
          note: d.note,
          categories: d.categories,
          requestedAt: d.requestedAt,
        },
        updatedAt: d.requestedAt,
      };
    }
    case 'TransferAccepted': {
      const d = event.data;
      return {
        ...state,
        status: 'accepted',
        to: d.receiver,
        previousReceivers: [
          ...state.previousReceivers,
          { ...d.previousReceiver, transferId: d.transferId, until: d.acceptedAt },
        ],
        sharedCategories: d.categories,
        pendingTransfer: null,
        updatedAt: d.acceptedAt,
      };
    }
    case 'TransferDeclined':
      return { ...state, pendingTransfer: null, updatedAt: event.data.declinedAt };
    case 'ReferralReminderSent': {
      const step = state.steps[event.data.step];
      if (!step) return state;
      return {
        ...state,
        steps: {
          ...state.steps,
          [event.data.step]: { ...step, reminders: event.data.count, remindedDueAt: event.data.dueAt },
        },
      };
    }
    case 'ReferralEscalated': {
      const d = event.data;
      const step = state.steps[d.step];
      if (!step) return state;
      const next: StepDeadline =
        d.nextDueAt === null
          ? { ...step, level: d.level }
          : { ...step, level: d.level, openedAt: d.dueAt, dueAt: d.nextDueAt };
      return { ...state, steps: { ...state.steps, [d.step]: next } };
    }
    case 'ConsentWithdrawalNotified': {
      const d = event.data;
      return {
        ...state,
        withdrawnCategories: union(state.withdrawnCategories, d.categories),
        pendingWithdrawals: [
          ...state.pendingWithdrawals,
          {
            consentId: d.consentId,
            categories: d.categories,
            notifiedAt: d.notifiedAt,
            acknowledgeBy: d.acknowledgeBy,
          },
        ],
        // A withdrawal already awaiting acknowledgement keeps its (earlier) deadline and escalation.
        steps: {
          ...state.steps,
          withdrawal: state.steps.withdrawal ?? openStep(d.notifiedAt, d.acknowledgeBy),
        },
        updatedAt: d.notifiedAt,
      };
    }
    case 'ConsentWithdrawalAcknowledged':
      return {
        ...state,
        pendingWithdrawals: [],
        steps: { ...state.steps, withdrawal: null },
        updatedAt: event.data.acknowledgedAt,
      };
    default:
      return state;
  }
}
