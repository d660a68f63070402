import type { Decider } from '@crm/decider';
import type { ReportCommand } from './commands';
import { decideReport } from './decide';
import type { ReportEvent } from './events';
import { evolveReport, initialReportState, type ReportState } from './state';

/**
 * The decider of one `planReport-<COUNTRY>-<activityId>-<period>` stream.
 * The command handler must address the stream `reportStreamName(command)`; the decider re-checks
 * that the command's report (country first) is the stream's once the stream exists.
 */
export const reportDecider: Decider<ReportCommand, ReportEvent, ReportState> = {
  decide: decideReport,
  evolve: evolveReport,
  initialState: initialReportState,
};
