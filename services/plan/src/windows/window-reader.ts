import type { EventStore } from '@crm/event-store';
import { toDomainEvent } from '@crm/decider';
import {
  effectiveWindow,
  windowDecider,
  windowStreamName,
  type ReportingPeriod,
  type ReportingWindow,
  type WindowEvent,
  type WindowState,
} from '../../domain/periods';

export interface LoadedWindow {
  period: ReportingPeriod;
  state: WindowState;
  /** The scheduled window, else the default rule's. */
  effective: ReportingWindow;
  scheduled: boolean;
}

/** The period's reporting window: the fold of `planWindows-<period>` (no events: the default rule applies). */
export async function loadWindow(
  store: Pick<EventStore, 'readStream'>,
  period: ReportingPeriod,
): Promise<LoadedWindow> {
  const recorded = await store.readStream(windowStreamName(period));
  let state = windowDecider.initialState();
  for (const r of recorded) state = windowDecider.evolve(state, toDomainEvent<WindowEvent>(r));
  return { period, state, effective: effectiveWindow(period, state), scheduled: state.window !== null };
}
