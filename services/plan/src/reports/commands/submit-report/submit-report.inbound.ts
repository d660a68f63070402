import type { CommandBus } from '@nestjs/cqrs';
import { ConflictError } from '@crm/kernel';
import { isEventOf, type IntegrationEvent, type ReportSubmissionOutcomeV1 } from '@crm/contracts';
import {
  businessReason,
  isBusinessRejection,
  nationalSystemPrincipal,
  type GatewayOutcome,
  type InboundContext,
} from '@crm/gateway';
import type { EventStore } from '@crm/event-store';
import type { Clock } from '@crm/kernel';
import { activityKnown, loadCatalogueForPeriod } from '../../../catalogue/catalogue-reader';
import { activityNotFound } from '../../../shared/errors';
import type { CommandOptions } from '@crm/service-kit';
import { hasOpened, isReportingPeriod } from '../../../windows/domain';
import { loadWindow } from '../../../windows/window-reader';
import { reportStreamName } from '../../domain';
import { SaveDraftCommand } from '../save-draft/save-draft.command';
import { SubmitReportCommand } from './submit-report.command';

/** The identity a country's national system acts with (now shared by every service's inbound adapter). */
export { nationalSystemPrincipal };

export interface PlanInboundDeps {
  commandBus: Pick<CommandBus, 'execute'>;
  store: Pick<EventStore, 'readStream' | 'readAll'>;
  clock: Clock;
}

/** Errors that mean "not yet" rather than "no": retried by the bus instead of answered. */
const TRANSIENT_CODES = new Set(['catalogue.not_imported']);

/**
 * The Kafka inbound adapter of the submit-report use case (national systems send it):
 * `plan.report.submission-requested.v1` -> SaveDraftCommand + SubmitReportCommand on the CommandBus as
 * `national-system:<country>`, with the
 * request's CloudEvents id as the idempotency key of both commands (a replay records nothing new) ->
 * `plan.report.submission-outcome.v1`: accepted with the report id, or rejected with the domain's code and
 * es/en message (422 validation or period outside every imported plan, 409 workflow or window, 404 unknown
 * activity). A rejected request changed nothing: the window is checked before the draft is saved, the other
 * refusals happen before any append. The refusals come in the order HTTP gives them (draft, then submit): the
 * period's plan (422 `plan.period.outside_plans`) and the activity (404) before the window (409).
 */
export async function handleSubmissionRequest(
  deps: PlanInboundDeps,
  event: IntegrationEvent,
  context: Pick<InboundContext, 'country'>,
): Promise<GatewayOutcome> {
  if (!isEventOf(event, 'plan.report.submission-requested', 1))
    throw new Error(`plan gateway: no handler for ${event.type}.v${event.version}`);
  const { country } = context;
  const request = event.data;
  const decidedAt = () => deps.clock().toISOString();
  const reportKey = { country, activityId: request.activityId, period: request.period };
  const base = {
    country,
    requestId: event.id,
    externalReference: request.externalReference,
    activityId: request.activityId,
    period: request.period,
  };
  const principal = nationalSystemPrincipal(country);
  const options: CommandOptions = { commandId: event.id, correlationId: event.id, causationId: event.id };
  let streamKey = event.id;
  try {
    streamKey = reportStreamName(reportKey);
    await refuseBeforeWindowOpens(deps, request.period, request.activityId);
    const content = {
      status: request.status,
      narrative: request.narrative,
      ...(request.evidence ? { evidence: request.evidence } : {}),
      ...(request.indicators ? { indicators: request.indicators } : {}),
    };
    await deps.commandBus.execute(new SaveDraftCommand(principal, { ...reportKey, content }, options));
    const view = await deps.commandBus.execute(new SubmitReportCommand(principal, reportKey, options));
    const data: ReportSubmissionOutcomeV1 = {
      outcome: 'accepted',
      ...base,
      decidedAt: decidedAt(),
      reportId: view.stream,
    };
    return { type: 'plan.report.submission-outcome', version: 1, key: view.stream, data };
  } catch (error) {
    if (!isBusinessRejection(error) || TRANSIENT_CODES.has(error.code)) throw error;
    const data: ReportSubmissionOutcomeV1 = {
      outcome: 'rejected',
      ...base,
      decidedAt: decidedAt(),
      reason: businessReason(error),
    };
    return { type: 'plan.report.submission-outcome', version: 1, key: streamKey, data };
  }
}

/**
 * The domain refuses a submission before the window opens only after the draft step: check it first, but only
 * after what the draft step itself checks first (HTTP's order): the period belongs to an imported plan (422
 * `plan.period.outside_plans`; `catalogue.not_imported` while no plan is imported, transient) and the activity is
 * part of that plan's catalogue (404).
 */
async function refuseBeforeWindowOpens(
  deps: PlanInboundDeps,
  period: string,
  activityId: string,
): Promise<void> {
  if (!isReportingPeriod(period)) return; // the commands answer with their own 422
  const catalogue = await loadCatalogueForPeriod(deps.store, period);
  if (catalogue.state.catalogue && !activityKnown(catalogue, activityId))
    throw activityNotFound(activityId, catalogue.planId);
  const window = (await loadWindow(deps.store, period)).effective;
  const now = deps.clock();
  if (hasOpened(now, window)) return;
  throw new ConflictError(
    'plan.report.window_not_open',
    {
      es: `La ventana de informe del período ${period} aún no ha abierto (abre ${window.opensAt}); envíe la solicitud a partir de esa fecha.`,
      en: `The reporting window of period ${period} has not opened yet (opens ${window.opensAt}); send the request from that date on.`,
    },
    { period, opensAt: window.opensAt, now: now.toISOString() },
  );
}
