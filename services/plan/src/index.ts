// The plan's authorisation rows (the mechanism is @crm/auth's definePolicy).
export { PLAN_POLICY, type PlanOperation } from './plan.policy';
export * from './bootstrap';
export { PlanModule } from './plan.module';

// The write side: one command class per use case, dispatched with `app.get(CommandBus).execute(new XCommand(
// principal, input, options))` (the HTTP controllers, the Kafka inbound adapter and the start-up import do the same).
export type { CommandOptions } from '@crm/service-kit';
export { ServiceCommand } from '@crm/service-kit';
export { SaveDraftCommand, type SaveDraftInput } from './reports/commands/save-draft/save-draft.command';
export {
  SubmitReportCommand,
  type SubmitReportInput,
} from './reports/commands/submit-report/submit-report.command';
export {
  ApproveReportCommand,
  type ApproveReportInput,
} from './reports/commands/approve-report/approve-report.command';
export {
  ReturnReportCommand,
  type ReturnReportInput,
} from './reports/commands/return-report/return-report.command';
export {
  ReopenReportCommand,
  type ReopenReportInput,
} from './reports/commands/reopen-report/reopen-report.command';
export {
  ScheduleWindowCommand,
  type ScheduleWindowInput,
} from './windows/commands/schedule-window/schedule-window.command';
export {
  AmendCatalogueCommand,
  type AmendCatalogueInput,
  type AmendmentInput,
} from './catalogue/commands/amend-catalogue/amend-catalogue.command';
export {
  ImportCatalogueCommand,
  type ImportCatalogueInput,
} from './catalogue/commands/import-catalogue/import-catalogue.command';
export type { ReportView } from './reports/report-view';
export type { CatalogueSummary } from './catalogue/catalogue-view';
export type { WindowView } from './windows/window-reader';

// The read side: `app.get(QueryBus).execute(new XQuery(...))`.
export { GetReportQuery } from './reports/queries/get-report/get-report.query';
export {
  GetCatalogueQuery,
  type CatalogueDocument,
} from './catalogue/queries/get-catalogue/get-catalogue.query';
export {
  GetCatalogueHistoryQuery,
  type CatalogueHistory,
} from './catalogue/queries/get-catalogue-history/get-catalogue-history.query';
export { GetWindowQuery, type WindowInForce } from './windows/queries/get-window/get-window.query';

export {
  planIntegration,
  PLAN_INTEGRATION,
  PLAN_INTEGRATION_SCHEMA,
  type PlanIntegrationOptions,
} from './integration/plan-integration';

// Read models: the projection-backed dashboards (schema `plan_read`), rebuildable from the events.
export { PlanReadModels, type PlanReadModelsOptions } from './read-models/plan-read-models';
export {
  READ_SCHEMA,
  REPORT_STATUS_TABLE,
  MATRIX_TABLE,
  DASHBOARD_PROJECTION,
  dashboardProjection,
} from './read-models/dashboard.projection';
export { ReadModelsModule } from './read-models/read-models.module';

// Regional reviews: state as of an instant and the accountability history, replayed from the events.
export {
  PlanReview,
  ReviewModule,
  catalogueAsOf,
  renderState,
  renderHistory,
  verificationText,
  type CountryVerification,
  type Rendered,
} from './review';
export {
  countryStateAsOf,
  accountabilityHistory,
  type PlanStateAsOf,
  type ReportSnapshot,
  type AccountabilityEntry,
} from './review/domain';

// Reporting periods and implementation statuses.
export {
  planPeriods,
  planOfPeriod,
  parsePeriod,
  defaultWindow,
  type PlanYears,
  type ReportingPeriod,
} from './windows/domain';
export { IMPLEMENTATION_STATUSES, type ImplementationStatus } from './reports/domain';

// Integration: the relay as the service wires it, and its pure mapping (fault tests and the bus benchmark use them).
export { startPlanRelay, PLAN_RELAY_NAME, type PlanRelayOptions } from './integration/plan-relay';
export {
  planIntegrationMessages,
  planStreamFold,
  PLAN_RELAY_STREAM_PREFIXES,
  type PlanStreamState,
} from './integration/plan-event-mapping';
