import type { DomainEvent } from '@crm/decider';
import type { DataCategory, FollowUpService } from '../../shared/vocabulary';
import type {
  CloseOutcome,
  DeadlineStep,
  DeclineReason,
  EnteredInErrorReason,
  EscalationLevel,
  EscalationTarget,
  FollowUpStatus,
  OverrideReason,
  RevokeReason,
  TransferReason,
  Urgency,
} from './codes';
import type { InstitutionRef } from './commands';
import type { ReferralNote } from './note';
import type { ReferralStatus } from './status';

/**
 * The referral's domain events (they stay inside the service; integration events are a separate contract).
 * Every event carries `referralId`, so an event read alone says which referral it is about, and the instant
 * and subject of the decision. Reasons are codes; free text about the child is only ever a `ReferralNote`
 * (ciphertexts under the child's key, `note.ts`), never a plaintext string.
 */

/** The recorded legal basis of a disclosure. */
export type ConsentBasis =
  | { kind: 'consent'; consentIds: string[]; covered: DataCategory[] }
  | { kind: 'override'; reason: OverrideReason; note: ReferralNote | null; authorisedBy: string };

interface Ref {
  referralId: string;
}

export type ReferralDrafted = DomainEvent<
  'ReferralDrafted',
  Ref & {
    caseId: string;
    from: InstitutionRef;
    to: InstitutionRef;
    servicesRequested: FollowUpService[];
    categories: DataCategory[];
    urgency: Urgency;
    draftedAt: string;
    draftedBy: string;
  }
>;

/** The whole draft after the amendment (a projection needs no earlier event to show it). */
export type ReferralDraftUpdated = DomainEvent<
  'ReferralDraftUpdated',
  Ref & {
    to: InstitutionRef;
    servicesRequested: FollowUpService[];
    categories: DataCategory[];
    urgency: Urgency;
    updatedAt: string;
    updatedBy: string;
  }
>;

/**
 * Sent: `sharedCategories` = requested ∩ covered (every requested category under an override);
 * `withheldCategories` = requested but not covered, never disclosed.
 */
export type ReferralSent = DomainEvent<
  'ReferralSent',
  Ref & {
    basis: ConsentBasis;
    sharedCategories: DataCategory[];
    withheldCategories: DataCategory[];
    acknowledgeBy: string;
    decideBy: string;
    sentAt: string;
    sentBy: string;
  }
>;

export type ReferralRevoked = DomainEvent<
  'ReferralRevoked',
  Ref & {
    reason: RevokeReason;
    note: ReferralNote | null;
    previousStatus: ReferralStatus;
    revokedAt: string;
    revokedBy: string;
  }
>;

export type ReferralEnteredInError = DomainEvent<
  'ReferralEnteredInError',
  Ref & {
    reason: EnteredInErrorReason;
    note: ReferralNote | null;
    previousStatus: ReferralStatus;
    markedAt: string;
    markedBy: string;
  }
>;

export type ReferralAcknowledged = DomainEvent<
  'ReferralAcknowledged',
  Ref & { acknowledgedAt: string; acknowledgedBy: string }
>;

export type ReferralAccepted = DomainEvent<
  'ReferralAccepted',
  Ref & { acceptedAt: string; acceptedBy: string }
>;

export type ReferralDeclined = DomainEvent<
  'ReferralDeclined',
  Ref & { reason: DeclineReason; note: ReferralNote | null; declinedAt: string; declinedBy: string }
>;

/** accepted → in_progress: the receiver's first follow-up (recorded just before that FollowUpReported). */
export type ReferralStarted = DomainEvent<
  'ReferralStarted',
  Ref & { followUpId: string; startedAt: string; startedBy: string }
>;

export type FollowUpReported = DomainEvent<
  'FollowUpReported',
  Ref & {
    followUpId: string;
    side: 'sender' | 'receiver';
    services: FollowUpService[];
    status: FollowUpStatus;
    note: ReferralNote | null;
    reportedAt: string;
    reportedBy: string;
  }
>;

export type ReferralCompleted = DomainEvent<
  'ReferralCompleted',
  Ref & { outcome: CloseOutcome; completedAt: string; completedBy: string }
>;

/** `categories`: what the transferee would receive (the still-covered categories at the request). */
export type TransferRequested = DomainEvent<
  'TransferRequested',
  Ref & {
    transferId: string;
    from: InstitutionRef;
    to: InstitutionRef;
    reason: TransferReason;
    note: ReferralNote | null;
    categories: DataCategory[];
    requestedAt: string;
    requestedBy: string;
  }
>;

/** The transferee becomes the receiver; `previousReceiver` is kept in the state's `previousReceivers`. */
export type TransferAccepted = DomainEvent<
  'TransferAccepted',
  Ref & {
    transferId: string;
    previousReceiver: InstitutionRef;
    receiver: InstitutionRef;
    categories: DataCategory[];
    acceptedAt: string;
    acceptedBy: string;
  }
>;

export type TransferDeclined = DomainEvent<
  'TransferDeclined',
  Ref & {
    transferId: string;
    reason: DeclineReason;
    note: ReferralNote | null;
    declinedAt: string;
    declinedBy: string;
  }
>;

/** `count`: reminders sent for this step so far, this one included. */
export type ReferralReminderSent = DomainEvent<
  'ReferralReminderSent',
  Ref & { step: DeadlineStep; dueAt: string; count: number; remindedAt: string }
>;

/**
 * The step's due instant `dueAt` passed. Level 1 goes to the receiving institution's backup focal point and
 * opens a new window (`nextDueAt` = dueAt + the step's window); level 2 goes to the Secretariat and is the
 * last (`nextDueAt` null).
 */
export type ReferralEscalated = DomainEvent<
  'ReferralEscalated',
  Ref & {
    step: DeadlineStep;
    level: EscalationLevel;
    escalatedTo: EscalationTarget;
    /** The receiving institution whose step is overdue (level 1 is its backup focal point). */
    receiver: InstitutionRef;
    dueAt: string;
    nextDueAt: string | null;
    escalatedAt: string;
  }
>;

/** `categories`: the still-shared categories the consent no longer covers (newly withdrawn only). */
export type ConsentWithdrawalNotified = DomainEvent<
  'ConsentWithdrawalNotified',
  Ref & { consentId: string; categories: DataCategory[]; acknowledgeBy: string; notifiedAt: string }
>;

/** Acknowledges every withdrawal pending at that moment. */
export type ConsentWithdrawalAcknowledged = DomainEvent<
  'ConsentWithdrawalAcknowledged',
  Ref & { consentIds: string[]; categories: DataCategory[]; acknowledgedAt: string; acknowledgedBy: string }
>;

export type ReferralEvent =
  | ReferralDrafted
  | ReferralDraftUpdated
  | ReferralSent
  | ReferralRevoked
  | ReferralEnteredInError
  | ReferralAcknowledged
  | ReferralAccepted
  | ReferralDeclined
  | ReferralStarted
  | FollowUpReported
  | ReferralCompleted
  | TransferRequested
  | TransferAccepted
  | TransferDeclined
  | ReferralReminderSent
  | ReferralEscalated
  | ConsentWithdrawalNotified
  | ConsentWithdrawalAcknowledged;
export type ReferralEventType = ReferralEvent['type'];

export const REFERRAL_EVENT_TYPES: readonly ReferralEventType[] = [
  'ReferralDrafted',
  'ReferralDraftUpdated',
  'ReferralSent',
  'ReferralRevoked',
  'ReferralEnteredInError',
  'ReferralAcknowledged',
  'ReferralAccepted',
  'ReferralDeclined',
  'ReferralStarted',
  'FollowUpReported',
  'ReferralCompleted',
  'TransferRequested',
  'TransferAccepted',
  'TransferDeclined',
  'ReferralReminderSent',
  'ReferralEscalated',
  'ConsentWithdrawalNotified',
  'ConsentWithdrawalAcknowledged',
];

export function isReferralEventType(type: string): type is ReferralEventType {
  return (REFERRAL_EVENT_TYPES as readonly string[]).includes(type);
}
