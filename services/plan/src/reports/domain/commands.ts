import type { CountryCode } from '@crm/kernel';
import type { ReportingPeriod } from '../../windows/domain/period';
import type { ReportingWindow } from '../../windows/domain/window';
import type { IndicatorValue } from './content';
import type { ImplementationStatus } from './status';
import type { MultilingualText } from './text';

/**
 * What the decider needs to know about the plan's catalogue, resolved by the command handler
 * before deciding (the decider stays pure and synchronous).
 */
export interface CatalogueView {
  /** The catalogue version the report is written against (recorded in ReportDrafted). */
  version: string;
  activityExists(activityId: string): boolean;
}

/** Every command names the report it is for; it must match the stream's report (same country, activity, period). */
interface ReportCommandBase {
  country: CountryCode;
  activityId: string;
  period: ReportingPeriod;
}

export interface ReportContentInput {
  status: ImplementationStatus;
  narrative: MultilingualText;
  evidence?: string[];
  indicators?: IndicatorValue[];
}

/** Country official: create or update the draft (also after a return or a reopen). */
export interface SaveDraft extends ReportCommandBase {
  type: 'SaveDraft';
  content: ReportContentInput;
  catalogue: CatalogueView;
}

/** Country official: submit the current draft for review. `window` is the period's effective window. */
export interface SubmitReport extends ReportCommandBase {
  type: 'SubmitReport';
  window: ReportingWindow;
}

/** Secretariat: approve a submitted report (locks it). */
export interface ApproveReport extends ReportCommandBase {
  type: 'ApproveReport';
  comments?: MultilingualText;
}

/** Secretariat: return a submitted report to the country with comments (required). */
export interface ReturnReport extends ReportCommandBase {
  type: 'ReturnReport';
  comments: MultilingualText;
}

/** Secretariat: reopen an approved report (reason required); the approved version is kept. */
export interface ReopenReport extends ReportCommandBase {
  type: 'ReopenReport';
  reason: MultilingualText;
}

export type ReportCommand = SaveDraft | SubmitReport | ApproveReport | ReturnReport | ReopenReport;
export type ReportCommandType = ReportCommand['type'];
export const REPORT_COMMAND_TYPES: readonly ReportCommandType[] = [
  'SaveDraft',
  'SubmitReport',
  'ApproveReport',
  'ReturnReport',
  'ReopenReport',
];
