import { Module, type DynamicModule } from '@nestjs/common';
import { AmendCatalogueController } from './application/amend-catalogue/amend-catalogue.controller';
import { ApproveReportController } from './application/approve-report/approve-report.controller';
import { ImportCatalogueController } from './application/import-catalogue/import-catalogue.controller';
import { PlanCommands } from './application/plan-commands.service';
import { ReopenReportController } from './application/reopen-report/reopen-report.controller';
import { ReturnReportController } from './application/return-report/return-report.controller';
import { SaveDraftController } from './application/save-draft/save-draft.controller';
import { ScheduleWindowController } from './application/schedule-window/schedule-window.controller';
import { SubmitReportController } from './application/submit-report/submit-report.controller';
import { PlanQueriesController } from './queries/plan-queries.controller';
import { PlanQueries } from './queries/plan-queries.service';

/** Commands and queries of the plan service, exported for feature modules (e.g. the Kafka inbound gateway). */
@Module({})
export class PlanCoreModule {
  static forRoot(): DynamicModule {
    return {
      module: PlanCoreModule,
      global: true,
      providers: [PlanCommands, PlanQueries],
      exports: [PlanCommands, PlanQueries],
    };
  }
}

export const PLAN_CONTROLLERS = [
  SaveDraftController,
  SubmitReportController,
  ApproveReportController,
  ReturnReportController,
  ReopenReportController,
  ScheduleWindowController,
  AmendCatalogueController,
  ImportCatalogueController,
  PlanQueriesController,
];
