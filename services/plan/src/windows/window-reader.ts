import { readState } from '@crm/decider';
import type { EventStore } from '@crm/event-store';
import {
  effectiveWindow,
  windowDecider,
  windowStreamName,
  type ReportingPeriod,
  type ReportingWindow,
  type WindowState,
} from './domain';

export interface LoadedWindow {
  period: ReportingPeriod;
  state: WindowState;
  /** The scheduled window, else the default rule's. */
  effective: ReportingWindow;
  scheduled: boolean;
  /** The stream's last revision (-1: never scheduled). */
  revision: number;
}

/** The period's reporting window: the fold of `planWindows-<period>` (no events: the default rule applies). */
export async function loadWindow(
  store: Pick<EventStore, 'readStream'>,
  period: ReportingPeriod,
): Promise<LoadedWindow> {
  const { state, revision } = await readState(store, windowStreamName(period), windowDecider);
  return {
    period,
    state,
    effective: effectiveWindow(period, state),
    scheduled: state.window !== null,
    revision,
  };
}

/** What the API answers about a period's window (commands and the query). */
export interface WindowView {
  period: ReportingPeriod;
  /** The window in force: the scheduled one, else the default rule. */
  window: ReportingWindow;
  scheduled: boolean;
  changes: number;
  revision: number;
}

export function toWindowView(period: ReportingPeriod, state: WindowState, revision: number): WindowView {
  return {
    period,
    window: effectiveWindow(period, state),
    scheduled: state.window !== null,
    changes: state.changes,
    revision,
  };
}
