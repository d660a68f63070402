import type { CountryCode } from '@crm/kernel';
import type { ReportingPeriod } from '../../windows/domain/period';
import { reportDecider } from '../../reports/domain/decider';
import type { ReportEventType } from '../../reports/domain/events';
import type { ImplementationStatus, WorkflowState } from '../../reports/domain/status';
import type { MultilingualText } from '../../reports/domain/text';
import { diffReportStates, type FieldChange } from './diff';
import { instantOrThrow, type ReviewEvent } from './input';
import { asReportEvent, reportStreams } from './streams';

export interface AccountabilityEntry {
  recordedAt: string;
  occurredAt: string;
  eventId: string;
  actor: { subject: string; role: string; country: string; institution: string | null };
  country: CountryCode;
  activityId: string;
  period: ReportingPeriod;
  event: ReportEventType;
  from: { workflow: WorkflowState; status: ImplementationStatus | null };
  to: { workflow: WorkflowState; status: ImplementationStatus | null };
  /** What changed, field by field (see diffReportStates). */
  changes: FieldChange[];
  /** The Secretariat's comments (return, approval) or reason (reopen). */
  why: MultilingualText | null;
  /** For submissions: whether that submission was late. */
  late: boolean | null;
}

function whyOf(event: ReviewEvent): MultilingualText | null {
  const data = event.data as { comments?: MultilingualText | null; reason?: MultilingualText | null };
  return data.reason ?? data.comments ?? null;
}

/**
 * Every change of every report, oldest first (by recorded time; ties keep the input order):
 * who (the actor from the metadata), when (recorded and occurred), which report, the state before and
 * after, what changed and why. Options: only one country, only what was recorded up to `asOf`.
 */
export function accountabilityHistory(
  events: Iterable<ReviewEvent>,
  options: { country?: CountryCode; asOf?: Date | string } = {},
): AccountabilityEntry[] {
  const upTo = options.asOf === undefined ? undefined : instantOrThrow(options.asOf, 'asOf');
  const rows: Array<{ entry: AccountabilityEntry; recordedAt: number; index: number }> = [];
  for (const stream of reportStreams(events, { upTo, country: options.country })) {
    let state = reportDecider.initialState();
    for (const { event, index, recordedAt } of stream.events) {
      const next = reportDecider.evolve(state, asReportEvent(event));
      const { actor } = event.metadata;
      rows.push({
        recordedAt,
        index,
        entry: {
          recordedAt: new Date(recordedAt).toISOString(),
          occurredAt: event.metadata.occurredAt,
          eventId: event.metadata.eventId,
          actor: {
            subject: actor.subject,
            role: actor.role,
            country: actor.country,
            institution: actor.institution ?? null,
          },
          ...stream.key,
          event: event.type as ReportEventType,
          from: { workflow: state.workflow, status: state.content?.status ?? null },
          to: { workflow: next.workflow, status: next.content?.status ?? null },
          changes: diffReportStates(state, next),
          why: whyOf(event),
          late: event.type === 'ReportSubmitted' ? Boolean((event.data as { late?: boolean }).late) : null,
        },
      });
      state = next;
    }
  }
  rows.sort((a, b) => a.recordedAt - b.recordedAt || a.index - b.index);
  return rows.map((r) => r.entry);
}
