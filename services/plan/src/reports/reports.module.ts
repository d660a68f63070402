import { Module } from '@nestjs/common';
import { commandDepsProvider } from '@crm/service-kit';
import { ApproveReportController } from './commands/approve-report/approve-report.controller';
import { ApproveReportHandler } from './commands/approve-report/approve-report.handler';
import { ReopenReportController } from './commands/reopen-report/reopen-report.controller';
import { ReopenReportHandler } from './commands/reopen-report/reopen-report.handler';
import { ReturnReportController } from './commands/return-report/return-report.controller';
import { ReturnReportHandler } from './commands/return-report/return-report.handler';
import { SaveDraftController } from './commands/save-draft/save-draft.controller';
import { SaveDraftHandler } from './commands/save-draft/save-draft.handler';
import { SubmitReportController } from './commands/submit-report/submit-report.controller';
import { SubmitReportHandler } from './commands/submit-report/submit-report.handler';
import { GetReportController } from './queries/get-report/get-report.controller';
import { GetReportHandler } from './queries/get-report/get-report.handler';

/** Country reports (`planReport-<country>-<activity>-<period>`): their five commands and their query. */
@Module({
  controllers: [
    SaveDraftController,
    SubmitReportController,
    ApproveReportController,
    ReturnReportController,
    ReopenReportController,
    GetReportController,
  ],
  providers: [
    commandDepsProvider,
    SaveDraftHandler,
    SubmitReportHandler,
    ApproveReportHandler,
    ReturnReportHandler,
    ReopenReportHandler,
    GetReportHandler,
  ],
})
export class ReportsModule {}
