import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ConflictError } from '@crm/kernel';
import { handleCommand } from '@crm/decider';
import { enforceActor } from '../../../plan.policy';
import { COMMAND_DEPS, type CommandDeps } from '@crm/service-kit';
import { envelopeFor } from '../../../shared/envelope';
import { overlappingPlan, planYearsOf, type PlanYears } from '../../../windows/domain';
import { toCatalogueSummary, type CatalogueSummary } from '../../catalogue-view';
import { catalogueDecider, catalogueStreamId, importCommandFrom } from '../../domain';
import { planDirectory } from '../../plan-directory';
import { ImportCatalogueCommand } from './import-catalogue.command';

/**
 * Imports a plan's catalogue into `planCatalogue-<planId>` (once per plan; afterwards use amendments).
 * A plan whose years overlap an imported plan's is refused (409 `catalogue.period_overlap`): each semester
 * belongs to at most one plan, so a report's period names its plan.
 *
 * A concurrency conflict is decided again once (`maxRetries: 1`): that is safe here, because an import only
 * applies to an empty stream, so deciding again can only find the other import and refuse with 409
 * `catalogue.already_imported` (which says what happened, unlike the store's bare conflict). Two instances
 * importing the same file at start-up with the same command id need no retry: the store takes the second
 * append of the same event ids as an idempotent no-op.
 */
@CommandHandler(ImportCatalogueCommand)
export class ImportCatalogueHandler implements ICommandHandler<ImportCatalogueCommand> {
  constructor(@Inject(COMMAND_DEPS) private readonly deps: CommandDeps) {}

  async execute({ principal, input, options }: ImportCatalogueCommand): Promise<CatalogueSummary> {
    const { deps } = this;
    const actor = await enforceActor(
      { ...deps, via: ImportCatalogueCommand.name },
      principal,
      'plan.catalogue.amend',
      {},
    );
    const command = importCommandFrom(
      JSON.parse(JSON.stringify(input.catalogue ?? null)),
      input.reason ? { ...input.reason } : undefined,
    );
    const planId = command.catalogue.planId;
    const years = planYearsOf(command.catalogue);
    const directory = planDirectory(deps.store);
    refuseOverlap(years, await directory.refresh());
    const streamName = catalogueStreamId(planId);
    const result = await handleCommand({
      store: deps.store,
      decider: catalogueDecider,
      streamName,
      command,
      context: {
        envelope: envelopeFor('importCatalogue', streamName, actor, [], options),
        clock: deps.clock,
      },
      maxRetries: 1,
      expectedRevision: options.expectedRevision,
    });
    directory.note(years);
    return toCatalogueSummary(planId, result.state, result.nextExpectedRevision);
  }
}

function refuseOverlap(years: PlanYears, imported: PlanYears[]): void {
  const clash = overlappingPlan(years, imported);
  if (!clash) return;
  throw new ConflictError(
    'catalogue.period_overlap',
    {
      es: `El plan ${years.planId} (${years.from}-${years.to}) se solapa con el plan importado ${clash.planId} (${clash.from}-${clash.to}); cada año pertenece a un solo plan.`,
      en: `Plan ${years.planId} (${years.from}-${years.to}) overlaps the imported plan ${clash.planId} (${clash.from}-${clash.to}); each year belongs to one plan only.`,
    },
    { planId: years.planId, overlaps: clash.planId },
  );
}
