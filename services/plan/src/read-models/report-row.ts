import type { CountryCode } from '@crm/kernel';
import type { ReportingPeriod } from '../windows/domain';
import {
  isReportEventType,
  parseReportStreamName,
  type ImplementationStatus,
  type ReportEvent,
  type WorkflowState,
} from '../reports/domain';

/**
 * One row of `plan_read.report_status`: what the dashboards need to know about one report
 * (one stream `planReport-<country>-<activity>-<period>`). No personal data: plan reports carry none,
 * and the row keeps only codes, flags and instants (no narrative, no evidence links).
 */
export interface ReportRow {
  streamName: string;
  country: CountryCode;
  activityId: string;
  /** The objective's roman numeral: the first segment of the activity id (`IV` of `IV.1.1.1`). */
  objective: string;
  period: ReportingPeriod;
  workflow: WorkflowState;
  /** Status in the current content (draft, submitted or approved). */
  contentStatus: ImplementationStatus | null;
  /** Status of the country's latest submission: what the matrix counts. Drafts never change it. */
  reportedStatus: ImplementationStatus | null;
  /** Status of the last approved version. */
  approvedStatus: ImplementationStatus | null;
  approvedVersions: number;
  firstSubmittedAt: string | null;
  /** Whether the first submission was late (the flag recorded with it; a moved window does not rewrite it). */
  firstLate: boolean | null;
  lastSubmittedAt: string | null;
  lastLate: boolean | null;
  changedAfterApproval: boolean;
  /** Stream revision of the last event applied (events at or below it are ignored: redelivery-safe). */
  revision: number;
  /** Recorded time of the last event applied. */
  lastRecordedAt: string;
}

/** The least of a recorded event the projection needs (RecordedEvent is assignable). */
export interface RowEvent {
  streamName: string;
  revision: number;
  type: string;
  data: unknown;
  metadata: { recordedAt: string };
}

export function objectiveOf(activityId: string): string {
  return activityId.split('.')[0] ?? activityId;
}

function emptyRow(streamName: string): ReportRow | null {
  const key = parseReportStreamName(streamName);
  if (!key) return null;
  return {
    streamName,
    ...key,
    objective: objectiveOf(key.activityId),
    workflow: 'none',
    contentStatus: null,
    reportedStatus: null,
    approvedStatus: null,
    approvedVersions: 0,
    firstSubmittedAt: null,
    firstLate: null,
    lastSubmittedAt: null,
    lastLate: null,
    changedAfterApproval: false,
    revision: -1,
    lastRecordedAt: '',
  };
}

/**
 * Applies one report event to a row (pure). Returns the row unchanged (same object) for events that are
 * not report events, belong to no report stream, or were already applied (revision not after the row's).
 */
export function applyToRow(row: ReportRow | null, event: RowEvent): ReportRow | null {
  if (!isReportEventType(event.type)) return row;
  const current = row ?? emptyRow(event.streamName);
  if (!current || current.streamName !== event.streamName || event.revision <= current.revision) return row;
  const base = {
    ...current,
    revision: event.revision,
    lastRecordedAt: new Date(event.metadata.recordedAt).toISOString(),
  };
  const e = { type: event.type, data: event.data } as ReportEvent;
  switch (e.type) {
    case 'ReportDrafted':
      return { ...base, workflow: 'draft', contentStatus: e.data.content.status };
    case 'ReportSubmitted': {
      const first = base.firstSubmittedAt === null;
      return {
        ...base,
        workflow: 'submitted',
        reportedStatus: base.contentStatus,
        firstSubmittedAt: first ? e.data.submittedAt : base.firstSubmittedAt,
        firstLate: first ? e.data.late : base.firstLate,
        lastSubmittedAt: e.data.submittedAt,
        lastLate: e.data.late,
      };
    }
    case 'ReportApproved':
      return {
        ...base,
        workflow: 'approved',
        approvedStatus: base.contentStatus,
        approvedVersions: base.approvedVersions + 1,
      };
    case 'ReportReturned':
      return { ...base, workflow: 'returned' };
    case 'ReportReopened':
      return {
        ...base,
        workflow: 'draft',
        contentStatus: e.data.previousApproved.content.status,
        changedAfterApproval: true,
      };
    default:
      return base;
  }
}
