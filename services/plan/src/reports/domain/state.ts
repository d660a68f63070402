import type { ReportingWindow } from '../../windows/domain/window';
import type { ReportContent } from './content';
import type { ApprovedVersion, ReportEvent } from './events';
import type { WorkflowState } from './status';
import type { ReportKey } from './stream';
import type { MultilingualText } from './text';

export interface Submission {
  submittedAt: string;
  submittedBy: string;
  late: boolean;
  window: ReportingWindow;
}

export interface ReportState {
  workflow: WorkflowState;
  key: ReportKey | null;
  /** The current content: the draft, the submitted or the approved report. */
  content: ReportContent | null;
  catalogueVersion: string | null;
  /** The latest submission (every submission has its own `late` flag, see the events). */
  submission: Submission | null;
  /** When the report was first submitted, and whether that first submission was late. */
  firstSubmittedAt: string | null;
  late: boolean;
  /** The Secretariat's comments of the latest return, kept until the next return. */
  returnComments: MultilingualText | null;
  /** Set for good by the first reopen: the report was changed after an approval. */
  changedAfterApproval: boolean;
  reopenReason: MultilingualText | null;
  /** Every version ever approved, oldest first; the last one is current while `workflow === 'approved'`. */
  versions: ApprovedVersion[];
  /** Time of the last change (from the event data, i.e. the decision clock). */
  updatedAt: string | null;
}

export function initialReportState(): ReportState {
  return {
    workflow: 'none',
    key: null,
    content: null,
    catalogueVersion: null,
    submission: null,
    firstSubmittedAt: null,
    late: false,
    returnComments: null,
    changedAfterApproval: false,
    reopenReason: null,
    versions: [],
    updatedAt: null,
  };
}

function keyOf(data: ReportKey): ReportKey {
  return { country: data.country, activityId: data.activityId, period: data.period };
}

/** Applies one event. Unknown event types leave the state as it is (forward compatibility). */
export function evolveReport(state: ReportState, event: ReportEvent): ReportState {
  switch (event.type) {
    case 'ReportDrafted':
      return {
        ...state,
        workflow: 'draft',
        key: keyOf(event.data),
        content: event.data.content,
        catalogueVersion: event.data.catalogueVersion,
        updatedAt: event.data.savedAt,
      };
    case 'ReportSubmitted': {
      const { submittedAt, submittedBy, late, window } = event.data;
      const first = state.firstSubmittedAt === null;
      return {
        ...state,
        workflow: 'submitted',
        submission: { submittedAt, submittedBy, late, window },
        firstSubmittedAt: first ? submittedAt : state.firstSubmittedAt,
        late: first ? late : state.late,
        updatedAt: submittedAt,
      };
    }
    case 'ReportApproved': {
      const version: ApprovedVersion = {
        version: event.data.version,
        content: state.content as ReportContent,
        catalogueVersion: state.catalogueVersion ?? '',
        submittedAt: state.submission?.submittedAt ?? event.data.approvedAt,
        late: state.submission?.late ?? false,
        approvedAt: event.data.approvedAt,
        approvedBy: event.data.approvedBy,
        comments: event.data.comments,
      };
      return {
        ...state,
        workflow: 'approved',
        versions: [...state.versions, version],
        updatedAt: event.data.approvedAt,
      };
    }
    case 'ReportReturned':
      return {
        ...state,
        workflow: 'returned',
        returnComments: event.data.comments,
        updatedAt: event.data.returnedAt,
      };
    case 'ReportReopened':
      return {
        ...state,
        workflow: 'draft',
        content: event.data.previousApproved.content,
        catalogueVersion: event.data.previousApproved.catalogueVersion,
        changedAfterApproval: true,
        reopenReason: event.data.reason,
        updatedAt: event.data.reopenedAt,
      };
    default:
      return state;
  }
}
