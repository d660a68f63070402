import type { DomainEvent } from '@crm/decider';
import type { ReportingWindow } from '../../windows/domain/window';
import type { ReportContent } from './content';
import type { ReportKey } from './stream';
import type { MultilingualText } from './text';

/** A version of a report as the Secretariat approved it. Kept for ever, also after a reopen. */
export interface ApprovedVersion {
  /** 1 for the first approval, 2 after a reopen and a new approval, ... */
  version: number;
  content: ReportContent;
  catalogueVersion: string;
  submittedAt: string;
  late: boolean;
  approvedAt: string;
  approvedBy: string;
  comments: MultilingualText | null;
}

/** Every event carries its report key, so an event read alone says which report it is about. */
export type ReportDrafted = DomainEvent<
  'ReportDrafted',
  ReportKey & { catalogueVersion: string; content: ReportContent; savedAt: string; savedBy: string }
>;
export type ReportSubmitted = DomainEvent<
  'ReportSubmitted',
  ReportKey & { submittedAt: string; submittedBy: string; late: boolean; window: ReportingWindow }
>;
export type ReportApproved = DomainEvent<
  'ReportApproved',
  ReportKey & { approvedAt: string; approvedBy: string; version: number; comments: MultilingualText | null }
>;
export type ReportReturned = DomainEvent<
  'ReportReturned',
  ReportKey & { returnedAt: string; returnedBy: string; comments: MultilingualText }
>;
export type ReportReopened = DomainEvent<
  'ReportReopened',
  ReportKey & {
    reopenedAt: string;
    reopenedBy: string;
    reason: MultilingualText;
    previousApproved: ApprovedVersion;
  }
>;

export type ReportEvent = ReportDrafted | ReportSubmitted | ReportApproved | ReportReturned | ReportReopened;
export type ReportEventType = ReportEvent['type'];
export const REPORT_EVENT_TYPES: readonly ReportEventType[] = [
  'ReportDrafted',
  'ReportSubmitted',
  'ReportApproved',
  'ReportReturned',
  'ReportReopened',
];

export function isReportEventType(type: string): type is ReportEventType {
  return (REPORT_EVENT_TYPES as readonly string[]).includes(type);
}
