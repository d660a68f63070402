import { ServiceCommand } from '@crm/service-kit';
import type { DataCategory, FollowUpService } from '../../../shared/vocabulary';
import type { InstitutionRef, Urgency } from '../../domain';
import type { ReferralView } from '../../referral-view';

export interface DraftReferralInput {
  /** Chosen by the client (lower-case UUID v4): the referral's stream is `referral-<referralId>`. */
  referralId: string;
  caseId: string;
  from: InstitutionRef;
  to: InstitutionRef;
  servicesRequested: FollowUpService[];
  categories: DataCategory[];
  urgency: Urgency;
}

/**
 * The sending institution opens a referral of one of its country's cases as a draft (nothing is shared yet).
 * Operation `referrals.referral.act` on `{ country: from.country, addressedTo: [to.country] }`.
 */
export class DraftReferralCommand extends ServiceCommand<DraftReferralInput, ReferralView> {}
