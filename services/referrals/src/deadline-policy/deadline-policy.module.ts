import { Module } from '@nestjs/common';
import { commandDepsProvider } from '@crm/service-kit';
import { ConfigureDeadlinesController } from './commands/configure-deadlines/configure-deadlines.controller';
import { ConfigureDeadlinesHandler } from './commands/configure-deadlines/configure-deadlines.handler';
import { GetDeadlinePolicyController } from './queries/get-deadline-policy/get-deadline-policy.controller';
import { GetDeadlinePolicyHandler } from './queries/get-deadline-policy/get-deadline-policy.handler';

/**
 * The per-country-pair deadline policy (`referralDeadlinePolicy-<FROM>-<TO>`): the Secretariat coordinator
 * configures it, readers of either country's referrals and the Secretariat read the one in force. The send
 * use case reads it with `effectiveDeadlinePolicy` (deadline-policy-reader.ts).
 */
@Module({
  controllers: [ConfigureDeadlinesController, GetDeadlinePolicyController],
  providers: [commandDepsProvider, ConfigureDeadlinesHandler, GetDeadlinePolicyHandler],
})
export class DeadlinePolicyModule {}
