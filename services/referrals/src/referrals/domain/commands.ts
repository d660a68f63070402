import type { CountryCode } from '@crm/kernel';
import type { DataCategory, FollowUpService } from '../../shared/vocabulary';
import type {
  CloseOutcome,
  DeadlineStep,
  DeclineReason,
  EnteredInErrorReason,
  FollowUpStatus,
  OverrideReason,
  RevokeReason,
  TransferReason,
  Urgency,
} from './codes';
import type { ReferralNote } from './note';

/**
 * The referral's commands. Every command names its referral (`referralId`, a lower-case UUID v4); it must be
 * the stream's (422 `referral.referral_mismatch`). Who may send each one is the side that owns it
 * (`transitions.ts`); the deadline and consent-withdrawal commands come from the system actor only. Reasons
 * are codes; any free text is a `ReferralNote` the handler encrypted under the child's key (`note.ts`).
 */

/** An institution of a member country, as the directory names it. */
export interface InstitutionRef {
  country: CountryCode;
  institutionId: string;
}

interface ReferralCommandBase {
  referralId: string;
}

/** Sender: opens the referral as a draft (nothing is shared yet). Cross-border only: from.country ≠ to.country. */
export interface DraftReferral extends ReferralCommandBase {
  type: 'DraftReferral';
  caseId: string;
  from: InstitutionRef;
  to: InstitutionRef;
  /** At least one. */
  servicesRequested: FollowUpService[];
  /** The categories of the case's data the sender asks to share, at least one (minimum necessary disclosure). */
  categories: DataCategory[];
  urgency: Urgency;
}

/** Sender: amends the draft (only the fields given; at least one). The sending institution cannot change. */
export interface UpdateDraft extends ReferralCommandBase {
  type: 'UpdateDraft';
  to?: InstitutionRef;
  servicesRequested?: FollowUpService[];
  categories?: DataCategory[];
  urgency?: Urgency;
}

/** The legal basis of the disclosure: the child's (or guardian's) consents, or a recorded override. */
export type ConsentBasisInput =
  | { kind: 'consent'; consentIds: string[]; covered: DataCategory[] }
  | {
      kind: 'override';
      /** Why the data is shared without consent. */
      reason: OverrideReason;
      /** The detail, encrypted (required with `other`). */
      note?: ReferralNote;
      /** The role of the official who authorised the override (e.g. `protection_supervisor`). */
      authorisedBy: string;
    };

/** The deadlines of a sent referral, ISO instants the handler computes with `deadlinesFor(policy, now)`. */
export interface SendDeadlines {
  acknowledgeBy: string;
  decideBy: string;
}

/** Sender: sends the draft (draft → requested). Shares requested ∩ covered (all requested under an override). */
export interface SendReferral extends ReferralCommandBase {
  type: 'SendReferral';
  consent: ConsentBasisInput;
  deadlines: SendDeadlines;
}

/** Sender: withdraws a sent referral (FHIR: cancelled). */
export interface RevokeReferral extends ReferralCommandBase {
  type: 'RevokeReferral';
  reason: RevokeReason;
  /** The detail, encrypted (required with `other`). */
  note?: ReferralNote;
}

/** Sender: the referral should never have existed (draft or requested only). */
export interface MarkEnteredInError extends ReferralCommandBase {
  type: 'MarkEnteredInError';
  reason: EnteredInErrorReason;
  /** The detail, encrypted (required with `other`). */
  note?: ReferralNote;
}

/** Receiver: acknowledges receipt (requested → acknowledged; FHIR: received). */
export interface AcknowledgeReferral extends ReferralCommandBase {
  type: 'AcknowledgeReferral';
}

/** Receiver: accepts responsibility (acknowledged → accepted; from requested it also records the acknowledgement). */
export interface AcceptReferral extends ReferralCommandBase {
  type: 'AcceptReferral';
}

/** Receiver: declines (FHIR: rejected). The note, if any, is a record the handler already encrypted. */
export interface DeclineReferral extends ReferralCommandBase {
  type: 'DeclineReferral';
  reason: DeclineReason;
  /** Required with `other`. */
  note?: ReferralNote;
}

/** Either side: reports services planned, provided or not available. The receiver's first one starts the work. */
export interface ReportFollowUp extends ReferralCommandBase {
  type: 'ReportFollowUp';
  followUpId: string;
  services: FollowUpService[];
  status: FollowUpStatus;
  note?: ReferralNote;
}

/** Receiver: closes the referral with its outcome (accepted / in_progress → completed). */
export interface CloseReferral extends ReferralCommandBase {
  type: 'CloseReferral';
  outcome: CloseOutcome;
}

/** Receiver: proposes to hand the referral over to an institution of a third country. */
export interface RequestTransfer extends ReferralCommandBase {
  type: 'RequestTransfer';
  transferId: string;
  to: InstitutionRef;
  reason: TransferReason;
  /** The detail, encrypted (required with `other`). */
  note?: ReferralNote;
}

/** Transferee: takes the referral over; it becomes the receiver. */
export interface AcceptTransfer extends ReferralCommandBase {
  type: 'AcceptTransfer';
  transferId: string;
}

/** Transferee: declines the transfer; nothing moves. */
export interface DeclineTransfer extends ReferralCommandBase {
  type: 'DeclineTransfer';
  transferId: string;
  reason: DeclineReason;
  /** The detail, encrypted (required with `other`). */
  note?: ReferralNote;
}

/** Receiver: confirms it has taken note of every pending consent withdrawal (closes the 'withdrawal' step). */
export interface AcknowledgeConsentWithdrawal extends ReferralCommandBase {
  type: 'AcknowledgeConsentWithdrawal';
}

/**
 * System (deadline runner): a reminder for an open step whose due instant is `dueAt`. Stale or repeated
 * timers decide nothing.
 */
export interface RemindOverdue extends ReferralCommandBase {
  type: 'RemindOverdue';
  step: DeadlineStep;
  dueAt: string;
}

/** System (deadline runner): the step's due instant `dueAt` passed; escalate one level. */
export interface EscalateOverdue extends ReferralCommandBase {
  type: 'EscalateOverdue';
  step: DeadlineStep;
  dueAt: string;
}

/**
 * System (consent process): consent `consentId` no longer covers `categories`. Recorded only when the
 * referral's basis includes that consent and the categories intersect what is still shared.
 */
export interface NotifyConsentWithdrawal extends ReferralCommandBase {
  type: 'NotifyConsentWithdrawal';
  consentId: string;
  categories: DataCategory[];
  /** When the receiver must have acknowledged it (`withdrawalDeadlineFor(policy, now)`). */
  acknowledgeBy: string;
}

export type ReferralCommand =
  | DraftReferral
  | UpdateDraft
  | SendReferral
  | RevokeReferral
  | MarkEnteredInError
  | AcknowledgeReferral
  | AcceptReferral
  | DeclineReferral
  | ReportFollowUp
  | CloseReferral
  | RequestTransfer
  | AcceptTransfer
  | DeclineTransfer
  | AcknowledgeConsentWithdrawal
  | RemindOverdue
  | EscalateOverdue
  | NotifyConsentWithdrawal;
export type ReferralCommandType = ReferralCommand['type'];

/** The commands people (a side) send; each is one transition of the lifecycle owned by one side. */
export type ReferralTransitionCommandType = Exclude<ReferralCommandType, SystemCommandType>;
/** The commands only the system actor sends (deadline runner, consent process). */
export type SystemCommandType = 'RemindOverdue' | 'EscalateOverdue' | 'NotifyConsentWithdrawal';

export const SYSTEM_COMMAND_TYPES: readonly SystemCommandType[] = [
  'RemindOverdue',
  'EscalateOverdue',
  'NotifyConsentWithdrawal',
];
