import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { handleCommand } from '@crm/decider';
import { enforceActor } from '../../../plan.policy';
import { COMMAND_DEPS, type CommandDeps } from '@crm/service-kit';
import { envelopeFor } from '../../../shared/envelope';
import { DEFAULT_PLAN_ID } from '../../catalogue-reader';
import { toCatalogueSummary, type CatalogueSummary } from '../../catalogue-view';
import { catalogueDecider, catalogueStreamId, type CatalogueCommand } from '../../domain';
import { AmendCatalogueCommand, type AmendmentInput } from './amend-catalogue.command';

/** Each amendment appends one event to `planCatalogue-<planId>` and makes a new catalogue version. */
@CommandHandler(AmendCatalogueCommand)
export class AmendCatalogueHandler implements ICommandHandler<AmendCatalogueCommand> {
  constructor(@Inject(COMMAND_DEPS) private readonly deps: CommandDeps) {}

  async execute({ principal, input, options }: AmendCatalogueCommand): Promise<CatalogueSummary> {
    const { deps } = this;
    const actor = await enforceActor(
      { ...deps, via: AmendCatalogueCommand.name },
      principal,
      'plan.catalogue.amend',
      {},
    );
    const planId = input.planId ?? DEFAULT_PLAN_ID;
    const streamName = catalogueStreamId(planId);
    const result = await handleCommand({
      store: deps.store,
      decider: catalogueDecider,
      streamName,
      command: toCommand(JSON.parse(JSON.stringify(input)) as AmendmentInput, planId),
      context: { envelope: envelopeFor('amendCatalogue', streamName, actor, [], options), clock: deps.clock },
      expectedRevision: options.expectedRevision,
    });
    return toCatalogueSummary(planId, result.state, result.nextExpectedRevision);
  }
}

function toCommand(input: AmendmentInput, planId: string): CatalogueCommand {
  const reason = { ...input.reason };
  switch (input.type) {
    case 'add':
      return { type: 'AddActivity', planId, activity: input.activity, reason };
    case 'reword':
      return {
        type: 'RewordActivity',
        planId,
        activityId: input.activityId,
        text: { es: input.text.es, en: input.text.en },
        reason,
      };
    case 'retire':
      return { type: 'RetireActivity', planId, activityId: input.activityId, reason };
    case 'changeSchedule':
      return {
        type: 'ChangeSchedule',
        planId,
        activityId: input.activityId,
        year: input.year,
        value: input.value,
        reason,
      };
  }
}
