import { Query } from '@nestjs/cqrs';
import type { Principal } from '@crm/auth';
import type { FollowUpService } from '../../../shared/vocabulary';
import type { DisclosedReferralView } from './disclosed-referral-view';

/**
 * What the receiving institution of a referral may see of the child's case, for one of the referral's
 * purposes (a requested service), revealed for it and recorded in the child's access log.
 */
export class GetDisclosedViewQuery extends Query<DisclosedReferralView> {
  constructor(
    readonly principal: Principal,
    readonly referralId: string,
    readonly purpose: FollowUpService,
  ) {
    super();
  }
}
