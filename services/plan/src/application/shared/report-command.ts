import { ConflictError } from '@crm/kernel';
import type { Principal } from '@crm/auth';
import type { PlanOperation as Operation } from '../../plan.policy';
import { handleCommand } from '@crm/decider';
import {
  reportDecider,
  reportStreamName,
  validateReportKey,
  type ReportCommand,
  type ReportKey,
} from '../../domain/reports';
import { authorizeCommand } from './authorization';
import { activityKnown, loadCatalogueForPeriod, type LoadedCatalogue } from './catalogue-reader';
import { envelopeFor, type CommandDeps, type CommandOptions } from './command-context';
import { activityNotFound } from './errors';
import { toReportView, type ReportView } from './report-view';

/** The report a command is about (country, activity id, period); checked before anything is read. */
export interface ReportRef {
  country: string;
  activityId: string;
  period: string;
}

export interface ReportCommandSpec {
  useCase: string;
  operation: Operation;
  /** Builds the decider command from the validated key and the loaded catalogue (async: may read the window). */
  build(key: ReportKey, catalogue: LoadedCatalogue): Promise<ReportCommand> | ReportCommand;
}

/**
 * The steps every report command takes:
 * 1. the report key is well formed (422 otherwise);
 * 2. the principal may perform the operation on the report's country (403 + audit row otherwise);
 * 3. the period belongs to an imported plan (422 `plan.period.outside_plans`), whose catalogue is the one the
 *    report is written against, and the activity is part of it (404);
 * 4. load → decide → append on `planReport-<country>-<activity>-<period>` with `countries: [country]`,
 *    deterministic event ids from the command id; a refusal stores nothing.
 */
export async function runReportCommand(
  deps: CommandDeps,
  principal: Principal,
  ref: ReportRef,
  spec: ReportCommandSpec,
  options: CommandOptions = {},
): Promise<ReportView> {
  const key = validateReportKey(ref);
  const actor = await authorizeCommand(deps, principal, spec.operation, { country: key.country });
  const catalogue = await loadCatalogueForPeriod(deps.store, key.period);
  if (!catalogue.state.catalogue) {
    throw new ConflictError('catalogue.not_imported', {
      es: `El catálogo del plan ${catalogue.planId} aún no ha sido importado.`,
      en: `The catalogue of plan ${catalogue.planId} has not been imported yet.`,
    });
  }
  if (!activityKnown(catalogue, key.activityId)) throw activityNotFound(key.activityId, catalogue.planId);
  const command = await spec.build(key, catalogue);
  const streamName = reportStreamName(key);
  const result = await handleCommand({
    store: deps.store,
    decider: reportDecider,
    streamName,
    command,
    context: {
      envelope: envelopeFor(spec.useCase, streamName, actor, [key.country], options),
      clock: deps.clock,
    },
  });
  return toReportView(streamName, result.nextExpectedRevision, key, result.state);
}
