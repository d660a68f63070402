import { Query } from '@nestjs/cqrs';
import type { Principal } from '@crm/auth';
import type { ReferralStatusView, ReferralView } from '../../referral-view';

/**
 * One referral, the fold of its stream, for who asks: a side (its full view: status, parties, categories,
 * deadlines, follow-ups without notes, its allowed actions) or the Secretariat (the status view).
 */
export class GetReferralQuery extends Query<ReferralView | ReferralStatusView> {
  constructor(
    readonly principal: Principal,
    readonly referralId: string,
  ) {
    super();
  }
}
