import { ServiceCommand } from '@crm/service-kit';
import type { MultilingualText } from '../../../reports/domain';
import type { WindowView } from '../../window-reader';

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

/** Secretariat coordinator: schedule (or move, with a reason) a period's reporting window. */
export class ScheduleWindowCommand extends ServiceCommand<ScheduleWindowInput, WindowView> {}
