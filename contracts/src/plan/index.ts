import { catalogueAmendedV1 } from './catalogue-events';
import { reportApprovedV1, reportReopenedV1, reportReturnedV1, reportSubmittedV1 } from './report-events';
import { reportSubmissionOutcomeV1, reportSubmissionRequestedV1 } from './submission';

export * from './catalogue-events';
export * from './report-events';
export * from './submission';

export const PLAN_CONTRACTS = [
  reportSubmittedV1,
  reportApprovedV1,
  reportReturnedV1,
  reportReopenedV1,
  catalogueAmendedV1,
  reportSubmissionRequestedV1,
  reportSubmissionOutcomeV1,
] as const;
