export * from './app.module';
// The plan's authorisation rows (the mechanism is @crm/auth's definePolicy).
export { PLAN_POLICY, type PlanOperation } from './plan.policy';
export * from './bootstrap';
export * from './application/plan-commands.service';
export type { CommandOptions } from './application/shared/command-context';
export type { ReportView } from './application/shared/report-view';
export type { CatalogueSummary } from './application/shared/catalogue-view';
export type { SaveDraftInput } from './application/save-draft/save-draft.handler';
export type { SubmitReportInput } from './application/submit-report/submit-report.handler';
export type { ApproveReportInput } from './application/approve-report/approve-report.handler';
export type { ReturnReportInput } from './application/return-report/return-report.handler';
export type { ReopenReportInput } from './application/reopen-report/reopen-report.handler';
export type { ScheduleWindowInput, WindowView } from './application/schedule-window/schedule-window.handler';
export type { AmendCatalogueInput } from './application/amend-catalogue/amend-catalogue.handler';
export type { ImportCatalogueInput } from './application/import-catalogue/import-catalogue.handler';
export { PlanQueries } from './queries/plan-queries.service';
export { PlanIntegrationModule, type PlanIntegrationOptions } from './integration/plan-integration.module';

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
} from './domain/review';

// Reporting periods and implementation statuses.
export {
  planPeriods,
  planOfPeriod,
  parsePeriod,
  defaultWindow,
  type PlanYears,
  type ReportingPeriod,
} from './domain/periods';
export { IMPLEMENTATION_STATUSES, type ImplementationStatus } from './domain/reports';

// Integration: the relay as the service wires it, and its pure mapping (fault tests and the bus benchmark use them).
export { startPlanRelay, PLAN_RELAY_NAME, type PlanRelayOptions } from './integration/plan-relay';
export {
  planIntegrationMessages,
  planStreamFold,
  PLAN_RELAY_STREAM_PREFIXES,
  type PlanStreamState,
} from './integration/plan-event-mapping';
export { StreamStates, preparingStore, type StreamFold } from './integration/stream-states';
