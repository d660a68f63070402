import { ServiceCommand } from '@crm/service-kit';
import type { DataCategory, FollowUpService } from '../../../shared/vocabulary';
import type { InstitutionRef, Urgency } from '../../domain';
import type { ReferralView } from '../../referral-view';

export interface UpdateDraftInput {
  referralId: string;
  /** Only the fields given change (at least one); the sending institution and the case never do. */
  to?: InstitutionRef;
  servicesRequested?: FollowUpService[];
  categories?: DataCategory[];
  urgency?: Urgency;
}

/**
 * The sending institution amends its draft; an amendment that changes nothing records nothing.
 * Operation `referrals.referral.act` on the referral.
 */
export class UpdateDraftCommand extends ServiceCommand<UpdateDraftInput, ReferralView> {}
