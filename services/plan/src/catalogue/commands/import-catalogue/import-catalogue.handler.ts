import { ConflictError } from '@crm/kernel';
import type { Principal } from '@crm/auth';
import { handleCommand } from '@crm/decider';
import { catalogueDecider, catalogueStreamId, importCommandFrom, type Reason } from '../../domain/catalogue';
import { overlappingPlan, planYearsOf } from '../../domain/periods';
import { authorizeCommand } from '../shared/authorization';
import { envelopeFor, type CommandDeps, type CommandOptions } from '../shared/command-context';
import { toCatalogueSummary, type CatalogueSummary } from '../shared/catalogue-view';
import { planDirectory } from '../shared/plan-directory';

export interface ImportCatalogueInput {
  /** A whole plan catalogue in the format of services/plan/catalogue/catalogue.schema.json. */
  catalogue: unknown;
  reason?: Reason;
}

/**
 * Imports a plan's catalogue into `planCatalogue-<planId>` (once per plan; afterwards use amendments).
 * Operation `plan.catalogue.amend`. The service itself calls it at start-up for its default plan's file.
 * A plan whose years overlap an imported plan's is refused (409 `catalogue.period_overlap`): each semester
 * belongs to at most one plan, so a report's period names its plan.
 */
export async function importCatalogue(
  deps: CommandDeps,
  principal: Principal,
  input: ImportCatalogueInput,
  options?: CommandOptions,
): Promise<CatalogueSummary> {
  const actor = await authorizeCommand(deps, principal, 'plan.catalogue.amend', {});
  const command = importCommandFrom(
    JSON.parse(JSON.stringify(input.catalogue ?? null)),
    input.reason ? { ...input.reason } : undefined,
  );
  const planId = command.catalogue.planId;
  const years = planYearsOf(command.catalogue);
  const directory = planDirectory(deps.store);
  const clash = overlappingPlan(years, await directory.refresh());
  if (clash) {
    throw new ConflictError(
      'catalogue.period_overlap',
      {
        es: `El plan ${planId} (${years.from}-${years.to}) se solapa con el plan importado ${clash.planId} (${clash.from}-${clash.to}); cada año pertenece a un solo plan.`,
        en: `Plan ${planId} (${years.from}-${years.to}) overlaps the imported plan ${clash.planId} (${clash.from}-${clash.to}); each year belongs to one plan only.`,
      },
      { planId, overlaps: clash.planId },
    );
  }
  const streamName = catalogueStreamId(planId);
  const result = await handleCommand({
    store: deps.store,
    decider: catalogueDecider,
    streamName,
    command,
    context: { envelope: envelopeFor('importCatalogue', streamName, actor, [], options), clock: deps.clock },
  });
  directory.note(years);
  return toCatalogueSummary(planId, result.state, result.nextExpectedRevision);
}
