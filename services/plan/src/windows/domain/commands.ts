import type { MultilingualText } from '../../reports/domain/text';
import type { ReportingPeriod } from './period';

/** Secretariat: set a period's window for the first time (the default rule applied until then). */
export interface ScheduleWindow {
  type: 'ScheduleWindow';
  period: ReportingPeriod;
  opensAt: string | Date;
  closesAt: string | Date;
  /** Optional: why the window differs from the default rule. */
  reason?: MultilingualText;
}

/** Secretariat: move a window already scheduled. */
export interface ChangeWindow {
  type: 'ChangeWindow';
  period: ReportingPeriod;
  opensAt: string | Date;
  closesAt: string | Date;
  /** Required: why an already scheduled window moves. */
  reason: MultilingualText;
}

export type WindowCommand = ScheduleWindow | ChangeWindow;
