import type { CountryCode } from '@crm/kernel';
import type { DirectoryView } from '../../directory/domain/directory-view';
import type { ProtectedRecord } from '../../shared/protected-record';
import type { BestInterestsConductor, BestInterestsPersonalField } from './best-interests';
import type {
  BestInterestsKind,
  BestInterestsOutcome,
  CaseClosureOutcome,
  ConsentForm,
  ConsentGiver,
  InterviewPurpose,
  WithdrawalReason,
} from './case-codes';
import type { ConsentScope } from './consent-scope';
import type { ChildIdentifyingData, ChildIdentifyingField } from './identifying';
import type { CaseIndicators } from './indicators';

/** Every command names its case; it must be the stream's case. */
interface CaseCommandBase {
  caseId: string;
}

/**
 * The registering country opens a child's case, handled by one of its own institutions (active in the
 * directory, which the handler resolves: `directory`). Identifying data arrives encrypted.
 */
export interface RegisterCase extends CaseCommandBase {
  type: 'RegisterCase';
  country: CountryCode;
  institutionId: string;
  indicators: CaseIndicators;
  identifying: ChildIdentifyingData;
  directory: DirectoryView;
}

/** Replaces the indicators with a complete, corrected set (nothing different: nothing recorded). */
export interface UpdateIndicators extends CaseCommandBase {
  type: 'UpdateIndicators';
  indicators: CaseIndicators;
}

/** Sets the given identifying fields (encrypted) and removes the listed ones. Allowed on a closed case too. */
export interface CorrectIdentifyingData extends CaseCommandBase {
  type: 'CorrectIdentifyingData';
  identifying: ChildIdentifyingData;
  remove?: ChildIdentifyingField[];
}

/** Records a best-interests assessment or determination (a determination needs a prior assessment). */
export interface RecordBestInterests extends CaseCommandBase {
  type: 'RecordBestInterests';
  recordId: string;
  kind: BestInterestsKind;
  conductedBy: BestInterestsConductor;
  conductedOn: string;
  outcome: BestInterestsOutcome;
  recommendations: ProtectedRecord<BestInterestsPersonalField>;
}

/** Records the child's consent or assent, or a guardian's consent, to share parts of the case. */
export interface RecordConsent extends CaseCommandBase {
  type: 'RecordConsent';
  consentId: string;
  givenBy: ConsentGiver;
  form: ConsentForm;
  scope: ConsentScope;
}

/** Reduces a consent's scope (a strict subset: fewer categories, recipients or purposes, or an earlier end). */
export interface NarrowConsent extends CaseCommandBase {
  type: 'NarrowConsent';
  consentId: string;
  scope: ConsentScope;
}

/** Withdraws a consent for good. Always allowed, also on a closed case (it is the child's right). */
export interface WithdrawConsent extends CaseCommandBase {
  type: 'WithdrawConsent';
  consentId: string;
  reason?: WithdrawalReason;
}

/** Records that an institution interviewed the child (counted to avoid re-victimisation). */
export interface RecordInterview extends CaseCommandBase {
  type: 'RecordInterview';
  interviewId: string;
  institutionId: string;
  conductedOn: string;
  purpose: InterviewPurpose;
}

export interface CloseCase extends CaseCommandBase {
  type: 'CloseCase';
  outcome: CaseClosureOutcome;
}

export type CaseCommand =
  | RegisterCase
  | UpdateIndicators
  | CorrectIdentifyingData
  | RecordBestInterests
  | RecordConsent
  | NarrowConsent
  | WithdrawConsent
  | RecordInterview
  | CloseCase;
