import type { LocalizedText } from '@crm/kernel';
import { periodLabel } from '../windows/domain';
import {
  allowedCommands,
  IMPLEMENTATION_STATUS_LABELS,
  WORKFLOW_STATE_LABELS,
  type ApprovedVersion,
  type ReportCommandType,
  type ReportContent,
  type ReportKey,
  type ReportState,
  type Submission,
  type MultilingualText,
  type WorkflowState,
  type ImplementationStatus,
} from './domain';

/** What the API answers about one report (the fold of its stream). */
export interface ReportView {
  stream: string;
  /** The stream's last revision (0-based). */
  revision: number;
  country: ReportKey['country'];
  activityId: string;
  period: ReportKey['period'];
  periodLabel: LocalizedText;
  workflow: WorkflowState;
  workflowLabel: LocalizedText;
  status: ImplementationStatus | null;
  statusLabel: LocalizedText | null;
  content: ReportContent | null;
  catalogueVersion: string | null;
  submission: Submission | null;
  firstSubmittedAt: string | null;
  /** Whether the first submission came after the window closed. */
  late: boolean;
  returnComments: MultilingualText | null;
  changedAfterApproval: boolean;
  reopenReason: MultilingualText | null;
  /** Every approved version, oldest first. */
  versions: ApprovedVersion[];
  updatedAt: string | null;
  /** Commands the workflow accepts now (who may send them is up to the authorisation policy). */
  allowedActions: ReportCommandType[];
}

export function toReportView(
  stream: string,
  revision: number,
  key: ReportKey,
  state: ReportState,
): ReportView {
  const status = state.content?.status ?? null;
  return {
    stream,
    revision,
    country: key.country,
    activityId: key.activityId,
    period: key.period,
    periodLabel: periodLabel(key.period),
    workflow: state.workflow,
    workflowLabel: WORKFLOW_STATE_LABELS[state.workflow],
    status,
    statusLabel: status ? IMPLEMENTATION_STATUS_LABELS[status] : null,
    content: state.content,
    catalogueVersion: state.catalogueVersion,
    submission: state.submission,
    firstSubmittedAt: state.firstSubmittedAt,
    late: state.late,
    returnComments: state.returnComments,
    changedAfterApproval: state.changedAfterApproval,
    reopenReason: state.reopenReason,
    versions: state.versions,
    updatedAt: state.updatedAt,
    allowedActions: allowedCommands(state.workflow),
  };
}
