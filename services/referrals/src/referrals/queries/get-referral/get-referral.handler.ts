import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { SECRETARIAT } from '@crm/kernel';
import { COMMAND_DEPS, type CommandDeps } from '@crm/service-kit';
import { enforceActor } from '../../../referrals.policy';
import { authorizeOnReferral, loadReferral } from '../../referral-access';
import {
  toReferralStatusView,
  toReferralView,
  type ReferralStatusView,
  type ReferralView,
} from '../../referral-view';
import { GetReferralQuery } from './get-referral.query';

/**
 * Load (404), then: the Secretariat gets the status view under `referrals.referral.status`; everyone else needs
 * `referrals.referral.read` on the referral (its sender's country, or a country it is addressed to) and, for a
 * case worker or supervisor, the side's institution. Third countries and other roles: 403, audited.
 */
@QueryHandler(GetReferralQuery)
export class GetReferralHandler implements IQueryHandler<GetReferralQuery> {
  constructor(@Inject(COMMAND_DEPS) private readonly deps: CommandDeps) {}

  async execute({ principal, referralId }: GetReferralQuery): Promise<ReferralView | ReferralStatusView> {
    const { stream, revision, state, parties } = await loadReferral(this.deps.store, referralId);
    if (principal.country === SECRETARIAT) {
      await enforceActor(
        { ...this.deps, via: GetReferralQuery.name },
        principal,
        'referrals.referral.status',
        {
          country: parties.from.country,
        },
      );
      return toReferralStatusView(stream, revision, state);
    }
    const actor = await authorizeOnReferral(
      this.deps,
      principal,
      parties,
      'referrals.referral.read',
      GetReferralQuery.name,
    );
    return toReferralView(stream, revision, state, actor);
  }
}
