import type { Principal } from '@crm/auth';
import { handleCommand } from '@crm/decider';
import { catalogueDecider, catalogueStreamId, importCommandFrom, type Reason } from '../../domain/catalogue';
import { authorizeCommand } from '../shared/authorization';
import { envelopeFor, type CommandDeps, type CommandOptions } from '../shared/command-context';
import { toCatalogueSummary, type CatalogueSummary } from '../shared/catalogue-view';

export interface ImportCatalogueInput {
  /** A whole plan catalogue in the format of services/plan/catalogue/catalogue.schema.json. */
  catalogue: unknown;
  reason?: Reason;
}

/**
 * Imports a plan's catalogue into `planCatalogue-<planId>` (once per plan; afterwards use amendments).
 * Operation `plan.catalogue.amend`. The service itself calls it at start-up for the 2017-2022 plan.
 */
export async function importCatalogue(deps: CommandDeps, principal: Principal, input: ImportCatalogueInput, options?: CommandOptions): Promise<CatalogueSummary> {
  const actor = await authorizeCommand(deps, principal, 'plan.catalogue.amend', {});
  const command = importCommandFrom(JSON.parse(JSON.stringify(input.catalogue ?? null)), input.reason ? { ...input.reason } : undefined);
  const planId = command.catalogue.planId;
  const streamName = catalogueStreamId(planId);
  const result = await handleCommand({
    store: deps.store,
    decider: catalogueDecider,
    streamName,
    command,
    context: { envelope: envelopeFor('importCatalogue', streamName, actor, [], options), clock: deps.clock },
  });
  return toCatalogueSummary(planId, result.state, result.nextExpectedRevision);
}
