import type { LocalizedText } from '@crm/kernel';
import type {
  BestInterestsRecord,
  CaseIndicators,
  CategoryDisclosure,
  ChildIdentifyingField,
  DisclosureRecipient,
  InterviewRecord,
  InterviewWarning,
} from '../../../cases/domain';
import type { DataCategory, FollowUpService } from '../../../shared/vocabulary';
import type { OverrideReason } from '../../domain';

/**
 * The answer of `GET /referrals/referrals/:referralId/disclosed-view?purpose=`: the child's case as the
 * receiving institution may see it for that purpose (minimum necessary disclosure), computed by the cases
 * domain's `disclosedView` and then narrowed by the referral itself (what it shared, what a withdrawal took
 * back). Plaintext appears only for the disclosed categories, revealed through the PersonalDataProtector (each
 * reveal recorded in `piiAccess-<caseId>`: who, when, which case, why).
 */
export interface DisclosedReferralView {
  referralId: string;
  caseId: string;
  /** The referral stream's revision the view was computed on. */
  revision: number;
  purpose: FollowUpService;
  /** The date the consents were read for (UTC). */
  on: string;
  recipient: DisclosureRecipient;
  /**
   * Every category: `disclosed`; `withheld` (not requested, not for your role, not covered, the consent
   * expired); `withdrawn` (a consent withdrawal took it back: never shown again).
   */
  categories: Record<DataCategory, CategoryDisclosure>;
  basis: 'consent' | 'override';
  /** The consents the disclosed categories rest on (empty under an override). */
  consentIds: string[];
  /** Set when the data came without consent: why, who authorised it, and its note (revealed, logged). */
  override: {
    reason: OverrideReason;
    reasonLabel: LocalizedText;
    authorisedBy: string;
    note: unknown;
  } | null;
  /** The registration indicators of the disclosed categories (non-identifying). */
  indicators: Partial<CaseIndicators>;
  /** The identifying fields of the disclosed categories, revealed (`{ erased: true }` for an erased child). */
  identifying: Partial<Record<ChildIdentifyingField, unknown>>;
  /** False when your role may not read personal data in clear (`pii.read`): fields listed, values withheld. */
  identifyingRevealed: boolean;
  revealableFields: ChildIdentifyingField[];
  /** Under `assessments`: prior best-interests assessments and determinations, recommendations revealed. */
  bestInterests: Array<Omit<BestInterestsRecord, 'recommendations'> & { recommendations: unknown }>;
  /** The child's interviews: how many (always), the records (under `assessments`), a warning at the threshold. */
  interviews: {
    count: number;
    threshold: number;
    warning: InterviewWarning | null;
    records: InterviewRecord[];
  };
}
