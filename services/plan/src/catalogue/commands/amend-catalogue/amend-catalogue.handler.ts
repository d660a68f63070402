import type { Principal } from '@crm/auth';
import { handleCommand } from '@crm/decider';
import type { LocalizedText } from '@crm/kernel';
import {
  catalogueDecider,
  catalogueStreamId,
  type Activity,
  type CatalogueCommand,
  type Reason,
  type ScheduleValue,
} from '../../domain/catalogue';
import { authorizeCommand } from '../shared/authorization';
import { DEFAULT_PLAN_ID } from '../shared/catalogue-reader';
import { envelopeFor, type CommandDeps, type CommandOptions } from '../shared/command-context';
import { toCatalogueSummary, type CatalogueSummary } from '../shared/catalogue-view';

/** One amendment of a plan's catalogue. */
export type AmendCatalogueInput =
  | { type: 'add'; activity: Activity; reason: Reason }
  | { type: 'reword'; activityId: string; text: LocalizedText; reason: Reason }
  | { type: 'retire'; activityId: string; reason: Reason }
  | { type: 'changeSchedule'; activityId: string; year: number; value: ScheduleValue | null; reason: Reason };

function toCommand(input: AmendCatalogueInput, planId: string): CatalogueCommand {
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

/**
 * Secretariat coordinator: add, reword, retire an activity or change its schedule in the catalogue of `planId`
 * (default: the plan imported at start). Operation `plan.catalogue.amend`.
 */
export async function amendCatalogue(
  deps: CommandDeps,
  principal: Principal,
  input: AmendCatalogueInput,
  options?: CommandOptions,
  planId: string = DEFAULT_PLAN_ID,
): Promise<CatalogueSummary> {
  const actor = await authorizeCommand(deps, principal, 'plan.catalogue.amend', {});
  const streamName = catalogueStreamId(planId);
  const result = await handleCommand({
    store: deps.store,
    decider: catalogueDecider,
    streamName,
    command: toCommand(JSON.parse(JSON.stringify(input)) as AmendCatalogueInput, planId),
    context: { envelope: envelopeFor('amendCatalogue', streamName, actor, [], options), clock: deps.clock },
  });
  return toCatalogueSummary(planId, result.state, result.nextExpectedRevision);
}
