import { Module } from '@nestjs/common';
import { commandDepsProvider } from '@crm/service-kit';
import { EscalateOverdueHandler } from '../referrals/commands/escalate-overdue/escalate-overdue.handler';
import { RemindOverdueHandler } from '../referrals/commands/remind-overdue/remind-overdue.handler';

/**
 * The system commands the deadline runner dispatches (RemindOverdue, EscalateOverdue): their handlers on the
 * CommandBus. No controller and no Kafka adapter take them: only the runner, in this process, sends them.
 */
@Module({
  providers: [commandDepsProvider, RemindOverdueHandler, EscalateOverdueHandler],
})
export class OverdueCommandsModule {}
