import { Module } from '@nestjs/common';
import { commandDepsProvider } from '@crm/service-kit';
import { DraftReferralController } from './commands/draft-referral/draft-referral.controller';
import { DraftReferralHandler } from './commands/draft-referral/draft-referral.handler';

/**
 * The referral lifecycle's use cases (`referral-<referralId>`): the commands of the sending, receiving and
 * transferee institutions, the system's consent-withdrawal notice, and the queries (a referral for its sides
 * or the Secretariat's status view; the recipient's disclosed view). Handlers need the kit's ports (event
 * store, clock, audit) and the PersonalDataProtector (`personalData: true`).
 */
@Module({
  controllers: [DraftReferralController],
  providers: [commandDepsProvider, DraftReferralHandler],
})
export class ReferralLifecycleModule {}
