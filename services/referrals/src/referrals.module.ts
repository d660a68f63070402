import { Module } from '@nestjs/common';
import { CasesModule } from './cases/cases.module';
import { DeadlinePolicyModule } from './deadline-policy/deadline-policy.module';
import { DirectoryModule } from './directory/directory.module';
import { ReferralLifecycleModule } from './referrals/referral-lifecycle.module';

/**
 * The referral service's use cases: one module per context (directory, cases, referrals, deadline policy), each
 * registering its command and query handlers and their HTTP controllers; all dispatch through the kit's
 * CommandBus and QueryBus. Events are stored by the handlers in the event store and published by the relay.
 */
@Module({
  imports: [DirectoryModule, CasesModule, DeadlinePolicyModule, ReferralLifecycleModule],
})
export class ReferralsModule {}
