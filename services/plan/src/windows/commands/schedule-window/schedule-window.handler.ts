import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { handleCommand } from '@crm/decider';
import { planDirectory } from '../../../catalogue/plan-directory';
import type { MultilingualText } from '../../../reports/domain';
import { enforceActor } from '../../../plan.policy';
import { COMMAND_DEPS, type CommandDeps } from '@crm/service-kit';
import { envelopeFor } from '../../../shared/envelope';
import {
  parsePeriod,
  windowDecider,
  windowStreamName,
  type ReportingPeriod,
  type WindowCommand,
} from '../../domain';
import { loadWindow, toWindowView, type WindowView } from '../../window-reader';
import {
  SCHEDULE_WINDOW_OPERATION,
  ScheduleWindowCommand,
  type ScheduleWindowInput,
} from './schedule-window.command';

/**
 * Sets (first time: ScheduleWindow) or moves (afterwards: ChangeWindow, reason required) a period's window.
 * The period must be a semester of an imported plan (422 `plan.period.outside_plans`).
 */
@CommandHandler(ScheduleWindowCommand)
export class ScheduleWindowHandler implements ICommandHandler<ScheduleWindowCommand> {
  constructor(@Inject(COMMAND_DEPS) private readonly deps: CommandDeps) {}

  async execute({ principal, input, options }: ScheduleWindowCommand): Promise<WindowView> {
    const { deps } = this;
    parsePeriod(input.period);
    const period = input.period as ReportingPeriod;
    const actor = await enforceActor(
      { ...deps, via: ScheduleWindowCommand.name },
      principal,
      SCHEDULE_WINDOW_OPERATION,
      {},
    );
    await planDirectory(deps.store).planOf(period);
    const current = await loadWindow(deps.store, period);
    const streamName = windowStreamName(period);
    const result = await handleCommand({
      store: deps.store,
      decider: windowDecider,
      streamName,
      command: toCommand(period, input, current.scheduled),
      context: { envelope: envelopeFor('scheduleWindow', streamName, actor, [], options), clock: deps.clock },
      expectedRevision: options.expectedRevision,
    });
    return toWindowView(period, result.state, result.nextExpectedRevision);
  }
}

/** ScheduleWindow the first time, ChangeWindow once a window is scheduled. */
function toCommand(period: ReportingPeriod, input: ScheduleWindowInput, scheduled: boolean): WindowCommand {
  const reason = input.reason === undefined ? undefined : { ...input.reason };
  const { opensAt, closesAt } = input;
  return scheduled
    ? { type: 'ChangeWindow', period, opensAt, closesAt, reason: reason as MultilingualText }
    : { type: 'ScheduleWindow', period, opensAt, closesAt, ...(reason ? { reason } : {}) };
}
