import { fold } from '@crm/decider';
import type { CountryCode } from '@crm/kernel';
import type { ReportingPeriod } from '../../windows/domain/period';
import { reportDecider } from '../../reports/domain/decider';
import type { ReportState } from '../../reports/domain/state';
import type { ImplementationStatus, WorkflowState } from '../../reports/domain/status';
import { instantOrThrow, type ReviewEvent } from './input';
import { asReportEvent, compareKeys, reportStreams } from './streams';

export interface ReportSnapshot {
  streamName: string;
  country: CountryCode;
  activityId: string;
  period: ReportingPeriod;
  workflow: WorkflowState;
  /** The status in the current content (draft, submitted or approved). */
  status: ImplementationStatus | null;
  /** The status of the last approved version, if any was approved by then. */
  approvedStatus: ImplementationStatus | null;
  /** When the last event taken into account was recorded. */
  lastRecordedAt: string;
  state: ReportState;
}

export interface PlanStateAsOf {
  asOf: string;
  country: CountryCode | null;
  /** One entry per (country, activity, period) with at least one event recorded by `asOf`. */
  reports: ReportSnapshot[];
}

/**
 * The state of the reports as it stood at `asOf`: a fold of exactly the report events whose
 * `metadata.recordedAt` is at or before `asOf`. The filter is applied here, so callers may pass
 * more (a whole `readAll`, other categories, later events): a change recorded after `asOf` never shows.
 */
export function countryStateAsOf(
  events: Iterable<ReviewEvent>,
  asOf: Date | string,
  options: { country?: CountryCode } = {},
): PlanStateAsOf {
  const upTo = instantOrThrow(asOf, 'asOf');
  const reports = reportStreams(events, { upTo, country: options.country }).map((stream): ReportSnapshot => {
    const state = fold(
      reportDecider,
      stream.events.map((e) => asReportEvent(e.event)),
    );
    const last = stream.events[stream.events.length - 1];
    return {
      streamName: stream.streamName,
      ...stream.key,
      workflow: state.workflow,
      status: state.content?.status ?? null,
      approvedStatus: state.versions[state.versions.length - 1]?.content.status ?? null,
      lastRecordedAt: last ? new Date(last.recordedAt).toISOString() : '',
      state,
    };
  });
  reports.sort(compareKeys);
  return { asOf: new Date(upTo).toISOString(), country: options.country ?? null, reports };
}
