import type { Principal } from '@crm/auth';
import { handleCommand } from '@crm/decider';
import {
  parsePeriod,
  windowDecider,
  windowStreamName,
  type ReportingPeriod,
  type ReportingWindow,
  type WindowCommand,
} from '../../domain/periods';
import type { MultilingualText } from '../../domain/reports';
import { authorizeCommand } from '../shared/authorization';
import { envelopeFor, type CommandDeps, type CommandOptions } from '../shared/command-context';
import { planDirectory } from '../shared/plan-directory';
import { loadWindow } from '../shared/window-reader';

/**
 * The operation that guards window scheduling. The policy has no window-specific operation yet; scheduling a
 * period's window is a Secretariat coordinator's change to the plan's calendar, so it uses `plan.catalogue.amend`.
 */
export const SCHEDULE_WINDOW_OPERATION = 'plan.catalogue.amend' as const;

export interface ScheduleWindowInput {
  period: string;
  opensAt: string;
  closesAt: string;
  /** Optional the first time; required to move a window already scheduled. */
  reason?: MultilingualText;
}

export interface WindowView {
  period: ReportingPeriod;
  /** The window in force: the scheduled one, else the default rule. */
  window: ReportingWindow;
  scheduled: boolean;
  changes: number;
  revision: number;
}

/**
 * Secretariat: sets (first time: ScheduleWindow) or moves (afterwards: ChangeWindow, reason required) a period's
 * window. The period must be a semester of an imported plan (422 `plan.period.outside_plans`).
 */
export async function scheduleWindow(
  deps: CommandDeps,
  principal: Principal,
  input: ScheduleWindowInput,
  options?: CommandOptions,
): Promise<WindowView> {
  parsePeriod(input.period);
  const period = input.period as ReportingPeriod;
  const actor = await authorizeCommand(deps, principal, SCHEDULE_WINDOW_OPERATION, {});
  await planDirectory(deps.store).planOf(period);
  const current = await loadWindow(deps.store, period);
  const reason = input.reason === undefined ? undefined : { ...input.reason };
  const command: WindowCommand = current.scheduled
    ? {
        type: 'ChangeWindow',
        period,
        opensAt: input.opensAt,
        closesAt: input.closesAt,
        reason: reason as MultilingualText,
      }
    : {
        type: 'ScheduleWindow',
        period,
        opensAt: input.opensAt,
        closesAt: input.closesAt,
        ...(reason ? { reason } : {}),
      };
  const streamName = windowStreamName(period);
  const result = await handleCommand({
    store: deps.store,
    decider: windowDecider,
    streamName,
    command,
    context: { envelope: envelopeFor('scheduleWindow', streamName, actor, [], options), clock: deps.clock },
  });
  const state = result.state;
  return {
    period,
    window: state.window ?? current.effective,
    scheduled: state.window !== null,
    changes: state.changes,
    revision: result.nextExpectedRevision,
  };
}
