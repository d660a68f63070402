import { toDomainEvent } from '@crm/decider';
import type { EventStore } from '@crm/event-store';
import {
  effectiveWindow,
  windowDecider,
  windowStreamName,
  type ReportingPeriod,
  type ReportingWindow,
  type WindowEvent,
} from '../domain/periods';

/** The period's effective reporting window now (the Secretariat's scheduled one, else the default rule). */
export async function currentWindow(
  store: Pick<EventStore, 'readStream'>,
  period: ReportingPeriod,
): Promise<{ window: ReportingWindow; scheduled: boolean }> {
  let state = windowDecider.initialState();
  for (const r of await store.readStream(windowStreamName(period)))
    state = windowDecider.evolve(state, toDomainEvent<WindowEvent>(r));
  return { window: effectiveWindow(period, state), scheduled: state.window !== null };
}
