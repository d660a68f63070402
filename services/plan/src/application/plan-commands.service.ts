import { Inject, Injectable, Optional } from '@nestjs/common';
import { AUDIT_SINK, type AuditSink, type Principal } from '@crm/auth';
import type { EventStore } from '@crm/event-store';
import type { Clock } from '@crm/kernel';
import { CLOCK, EVENT_STORE } from '@crm/platform';
import { amendCatalogue, type AmendCatalogueInput } from './amend-catalogue/amend-catalogue.handler';
import { approveReport, type ApproveReportInput } from './approve-report/approve-report.handler';
import { importCatalogue, type ImportCatalogueInput } from './import-catalogue/import-catalogue.handler';
import { reopenReport, type ReopenReportInput } from './reopen-report/reopen-report.handler';
import { returnReport, type ReturnReportInput } from './return-report/return-report.handler';
import { saveDraft, type SaveDraftInput } from './save-draft/save-draft.handler';
import {
  scheduleWindow,
  type ScheduleWindowInput,
  type WindowView,
} from './schedule-window/schedule-window.handler';
import type { CatalogueSummary } from './shared/catalogue-view';
import type { CommandDeps, CommandOptions } from './shared/command-context';
import type { ReportView } from './shared/report-view';
import { submitReport, type SubmitReportInput } from './submit-report/submit-report.handler';

/**
 * The plan service's write side, for every caller: the HTTP controllers and the Kafka inbound gateway
 * (which calls `saveDraft` + `submit` with a `national_system` principal).
 *
 * Every method: `(principal, input, { commandId?, correlationId?, causationId? })`.
 * - Authorisation: each method calls `authorize` itself (the HTTP OperationGuard has already checked the same
 *   operation for HTTP callers; non-HTTP callers rely on this check). A denial is recorded in the AuditSink
 *   and thrown as ForbiddenError (403).
 * - Idempotency: the same `commandId` on the same use case and stream records nothing new and returns the
 *   current state.
 * - Errors: LocalizedError subclasses with es/en text and an HTTP status (400/403/404/409/422); a refused command
 *   stores nothing.
 */
@Injectable()
export class PlanCommands {
  private readonly deps: CommandDeps;

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(CLOCK) clock: Clock,
    @Optional() @Inject(AUDIT_SINK) audit?: AuditSink,
  ) {
    this.deps = { store, clock, ...(audit ? { audit } : {}) };
  }

  /** Country (reporting officer / national system of the report's country): create or update the draft. */
  saveDraft(principal: Principal, input: SaveDraftInput, options: CommandOptions = {}): Promise<ReportView> {
    return saveDraft(this.deps, principal, input, options);
  }

  /** Country: submit the draft for review (late when after the window closed; refused before it opens). */
  submit(principal: Principal, input: SubmitReportInput, options: CommandOptions = {}): Promise<ReportView> {
    return submitReport(this.deps, principal, input, options);
  }

  /** Secretariat coordinator: approve a submitted report. */
  approve(
    principal: Principal,
    input: ApproveReportInput,
    options: CommandOptions = {},
  ): Promise<ReportView> {
    return approveReport(this.deps, principal, input, options);
  }

  /** Secretariat coordinator: return a submitted report with comments. */
  return(principal: Principal, input: ReturnReportInput, options: CommandOptions = {}): Promise<ReportView> {
    return returnReport(this.deps, principal, input, options);
  }

  /** Secretariat coordinator: reopen an approved report with a reason. */
  reopen(principal: Principal, input: ReopenReportInput, options: CommandOptions = {}): Promise<ReportView> {
    return reopenReport(this.deps, principal, input, options);
  }

  /** Secretariat coordinator: schedule (or move, with a reason) a period's reporting window. */
  scheduleWindow(
    principal: Principal,
    input: ScheduleWindowInput,
    options: CommandOptions = {},
  ): Promise<WindowView> {
    return scheduleWindow(this.deps, principal, input, options);
  }

  /** Secretariat coordinator: amend the catalogue of `planId` (default: the plan imported at start). */
  amendCatalogue(
    principal: Principal,
    input: AmendCatalogueInput,
    options: CommandOptions = {},
    planId?: string,
  ): Promise<CatalogueSummary> {
    return amendCatalogue(this.deps, principal, input, options, planId);
  }

  /** Secretariat coordinator (and the service at start-up): import a plan's catalogue once. */
  importCatalogue(
    principal: Principal,
    input: ImportCatalogueInput,
    options: CommandOptions = {},
  ): Promise<CatalogueSummary> {
    return importCatalogue(this.deps, principal, input, options);
  }
}
