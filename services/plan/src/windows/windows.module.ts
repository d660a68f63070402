import { Module } from '@nestjs/common';
import { commandDepsProvider } from '@crm/service-kit';
import { ScheduleWindowController } from './commands/schedule-window/schedule-window.controller';
import { ScheduleWindowHandler } from './commands/schedule-window/schedule-window.handler';
import { GetWindowController } from './queries/get-window/get-window.controller';
import { GetWindowHandler } from './queries/get-window/get-window.handler';

/** The periods' reporting windows (`planWindows-<period>`): schedule or move one, read the one in force. */
@Module({
  controllers: [ScheduleWindowController, GetWindowController],
  providers: [commandDepsProvider, ScheduleWindowHandler, GetWindowHandler],
})
export class WindowsModule {}
