import { ConflictError } from '@crm/kernel';
import type { Principal } from '@crm/auth';
import { type PlanOperation as Operation } from '../plan.policy';
import { handleCommand } from '@crm/decider';
import type { Actor, EventStore } from '@crm/event-store';
import { activityKnown, loadCatalogueForPeriod, type LoadedCatalogue } from '../catalogue/catalogue-reader';
import { enforceActor } from '../plan.policy';
import { type CommandDeps, type CommandOptions } from '@crm/service-kit';
import { envelopeFor } from '../shared/envelope';
import { activityNotFound } from '../shared/errors';
import {
  reportDecider,
  reportStreamName,
  validateReportKey,
  type ReportCommand,
  type ReportKey,
} from './domain';
import { toReportView, type ReportView } from './report-view';

/**
 * The steps every report command handler takes, as helpers it calls in this order:
 * 1. `authorizeReport`: the report key is well formed (422), the principal may perform the operation on the
 *    report's country (403 + audit row);
 * 2. `catalogueForReport`: the period belongs to an imported plan (422 `plan.period.outside_plans`), whose
 *    catalogue is the one the report is written against, and the activity is part of it (404);
 * 3. `appendToReport`: load → decide → append on `planReport-<country>-<activity>-<period>` with
 *    `countries: [country]`, deterministic event ids from the command id, the caller's expected revision
 *    (412 when stale); a refusal stores nothing.
 */

/** The report a command is about (country, activity id, period), as the caller names it. */
export interface ReportRef {
  country: string;
  activityId: string;
  period: string;
}

export async function authorizeReport(
  deps: CommandDeps,
  principal: Principal,
  ref: ReportRef,
  operation: Operation,
  via: string,
): Promise<{ key: ReportKey; actor: Actor }> {
  const key = validateReportKey(ref);
  const actor = await enforceActor({ ...deps, via }, principal, operation, { country: key.country });
  return { key, actor };
}

export async function catalogueForReport(
  store: Pick<EventStore, 'readStream' | 'readAll'>,
  key: ReportKey,
): Promise<LoadedCatalogue> {
  const catalogue = await loadCatalogueForPeriod(store, key.period);
  if (!catalogue.state.catalogue) {
    throw new ConflictError('catalogue.not_imported', {
      es: `El catálogo del plan ${catalogue.planId} aún no ha sido importado.`,
      en: `The catalogue of plan ${catalogue.planId} has not been imported yet.`,
    });
  }
  if (!activityKnown(catalogue, key.activityId)) throw activityNotFound(key.activityId, catalogue.planId);
  return catalogue;
}

export async function appendToReport(
  deps: CommandDeps,
  step: { useCase: string; key: ReportKey; actor: Actor; command: ReportCommand; options: CommandOptions },
): Promise<ReportView> {
  const streamName = reportStreamName(step.key);
  const result = await handleCommand({
    store: deps.store,
    decider: reportDecider,
    streamName,
    command: step.command,
    context: {
      envelope: envelopeFor(step.useCase, streamName, step.actor, [step.key.country], step.options),
      clock: deps.clock,
    },
    expectedRevision: step.options.expectedRevision,
  });
  return toReportView(streamName, result.nextExpectedRevision, step.key, result.state);
}
