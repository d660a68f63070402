import { ServiceCommand } from '@crm/service-kit';
import type { FollowUpService } from '../../../shared/vocabulary';
import type { FollowUpStatus } from '../../domain';
import type { ReferralView } from '../../referral-view';

export interface ReportFollowUpInput {
  referralId: string;
  /** Chosen by the reporting side; the same id again with the same report records nothing. */
  followUpId: string;
  services: FollowUpService[];
  status: FollowUpStatus;
  /** Free text about the child: encrypted under the child's key before anything stores it. */
  note?: string;
}

/**
 * Either side reports services planned, provided or not available; the receiver's first one on an accepted
 * referral starts the work (in_progress). Operation `referrals.referral.act` on the referral.
 */
export class ReportFollowUpCommand extends ServiceCommand<ReportFollowUpInput, ReferralView> {}
