import { Module } from '@nestjs/common';
import { ReferralLifecycleModule } from './referrals/referral-lifecycle.module';

/**
 * The referral service's use cases: one module per context (directory, cases, referrals, deadline policy), each
 * registering its command and query handlers and their HTTP controllers; all dispatch through the kit's
 * CommandBus and QueryBus. Events are stored by the handlers in the event store and published by the relay.
 */
@Module({
  imports: [ReferralLifecycleModule],
})
export class ReferralsModule {}
