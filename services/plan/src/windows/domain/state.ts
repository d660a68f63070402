import type { WindowEvent } from './events';
import type { ReportingPeriod } from './period';
import { defaultWindow, type ReportingWindow } from './window';

export interface WindowState {
  /** Null until the Secretariat schedules a window: then the default rule applies. */
  window: ReportingWindow | null;
  /** How many times the scheduled window was changed. */
  changes: number;
}

export function initialWindowState(): WindowState {
  return { window: null, changes: 0 };
}

/** Applies one event. Unknown event types leave the state as it is (forward compatibility). */
export function evolveWindow(state: WindowState, event: WindowEvent): WindowState {
  switch (event.type) {
    case 'WindowScheduled':
    case 'WindowChanged': {
      const { period, opensAt, closesAt } = event.data;
      return {
        window: { period, opensAt, closesAt },
        changes: event.type === 'WindowChanged' ? state.changes + 1 : state.changes,
      };
    }
    default:
      return state;
  }
}

/** The window that applies to `period`: the scheduled one, else the default rule. */
export function effectiveWindow(period: ReportingPeriod, state: WindowState): ReportingWindow {
  return state.window ?? defaultWindow(period);
}
