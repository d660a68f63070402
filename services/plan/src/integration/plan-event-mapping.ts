/**
 * Domain events of the plan service -> integration events (the public contracts in `contracts/`).
 *
 *   ReportSubmitted / Approved / Returned / Reopened  -> plan.report.<verb>.v1
 *       ONLY on the report country's topic `crm.<country>.out.plan` (a report concerns its country; only
 *       that country's national system and the Secretariat may read it: see `kafkaAclCommands`)
 *   CatalogueImported / ActivityAdded / ActivityReworded / ActivityRetired / ScheduleChanged
 *                                                     -> plan.catalogue.amended.v1
 *       ONLY on `crm.regional.plan` (network-wide, concerns no single country; every national system reads it)
 *   ReportDrafted                                     -> nothing (a draft is internal to the country)
 *
 * CloudEvents id = the domain event id (the same on every republish: consumers deduplicate by it);
 * key = the stream name; every payload is validated by `encodeIntegrationEvent` before publishing.
 * Payloads carry ids, statuses, times, the actor's opaque subject and role, and the Secretariat's comments;
 * never the report's narrative, evidence or indicators (they stay in the service: personal data of children
 * must never travel, and free text could contain it).
 */
import {
  encodeIntegrationEvent,
  outboundTopics,
  regionalTopic,
  type EncodeInput,
  type ContractName,
  type VersionOf,
} from '@crm/contracts';
import { toDomainEvent } from '@crm/decider';
import type { RecordedEvent } from '@crm/event-store';
import type { CountryCode } from '@crm/kernel';
import type { RelayMessage } from '@crm/messaging';
import {
  catalogueDecider,
  CATALOGUE_STREAM_CATEGORY,
  type CatalogueEvent,
  type CatalogueState,
} from '../catalogue/domain';
import {
  evolveReport,
  initialReportState,
  REPORT_STREAM_CATEGORY,
  type MultilingualText,
  type ReportEvent,
  type ReportState,
} from '../reports/domain';
import type { StreamFold } from '@crm/messaging';

export type PlanStreamState =
  { kind: 'report'; state: ReportState } | { kind: 'catalogue'; state: CatalogueState } | { kind: 'other' };

/** Stream prefixes the relay reads. */
export const PLAN_RELAY_STREAM_PREFIXES = [`${REPORT_STREAM_CATEGORY}-`, `${CATALOGUE_STREAM_CATEGORY}-`];

export const planStreamFold: StreamFold<PlanStreamState> = {
  initial: (streamName) =>
    streamName.startsWith(`${REPORT_STREAM_CATEGORY}-`)
      ? { kind: 'report', state: initialReportState() }
      : streamName.startsWith(`${CATALOGUE_STREAM_CATEGORY}-`)
        ? { kind: 'catalogue', state: catalogueDecider.initialState() }
        : { kind: 'other' },
  evolve: (s, event) => {
    if (s.kind === 'report')
      return { kind: 'report', state: evolveReport(s.state, toDomainEvent<ReportEvent>(event)) };
    if (s.kind === 'catalogue')
      return {
        kind: 'catalogue',
        state: catalogueDecider.evolve(s.state, toDomainEvent<CatalogueEvent>(event)),
      };
    return s;
  },
};

/** The service's catalogue label `2017-2022@3` as the contracts' catalogue version `2017-2022.3`. */
export function contractCatalogueVersion(label: string): string {
  return label.replace('@', '.');
}

export function catalogueVersionOf(planId: string, version: number): string {
  return `${planId}.${version}`;
}

/** Non-blank languages only (the contracts' MultilingualText needs at least one); null when none is left. */
function text(value: Partial<MultilingualText> | null | undefined): MultilingualText | null {
  if (!value) return null;
  const out: MultilingualText = {};
  for (const lang of ['es', 'en'] as const) {
    const t = value[lang];
    if (typeof t === 'string' && t.trim() !== '') out[lang] = t.trim().slice(0, 10_000);
  }
  return out.es === undefined && out.en === undefined ? null : out;
}

function actorOf(event: RecordedEvent): { subject: string; role: string } {
  return { subject: event.metadata.actor.subject, role: event.metadata.actor.role };
}

function encode<N extends ContractName>(
  event: RecordedEvent,
  type: N,
  country: CountryCode | 'ST',
  data: unknown,
) {
  return encodeIntegrationEvent({
    type,
    version: 1 as VersionOf<N>,
    data,
    country,
    id: event.metadata.eventId,
    time: event.metadata.recordedAt,
    subject: event.streamName,
  } as EncodeInput<N, VersionOf<N>>);
}

class MappingError extends Error {
  constructor(event: RecordedEvent, reason: string) {
    super(`cannot map ${event.type} ${event.metadata.eventId} of ${event.streamName}: ${reason}`);
    this.name = 'PlanEventMappingError';
  }
}

function reportMessages(event: RecordedEvent, before: ReportState): RelayMessage[] {
  const domain = toDomainEvent<ReportEvent>(event);
  if (domain.type === 'ReportDrafted') return [];
  const key = {
    country: domain.data.country,
    reportId: event.streamName,
    activityId: domain.data.activityId,
    period: domain.data.period,
  };
  const status =
    domain.type === 'ReportReopened' ? domain.data.previousApproved.content.status : before.content?.status;
  if (!status) throw new MappingError(event, 'no reported status before it');
  const common = { ...key, status, actor: actorOf(event) };
  let type: ContractName;
  let data: Record<string, unknown>;
  switch (domain.type) {
    case 'ReportSubmitted': {
      if (!before.catalogueVersion) throw new MappingError(event, 'no catalogue version before it');
      type = 'plan.report.submitted';
      data = {
        ...common,
        submittedAt: domain.data.submittedAt,
        late: domain.data.late,
        catalogueVersion: contractCatalogueVersion(before.catalogueVersion),
      };
      break;
    }
    case 'ReportApproved': {
      const comments = text(domain.data.comments);
      type = 'plan.report.approved';
      data = {
        ...common,
        approvedAt: domain.data.approvedAt,
        approvedVersion: domain.data.version,
        ...(comments ? { comments } : {}),
      };
      break;
    }
    case 'ReportReturned': {
      const comments = text(domain.data.comments);
      if (!comments) throw new MappingError(event, 'return without comments');
      type = 'plan.report.returned';
      data = { ...common, returnedAt: domain.data.returnedAt, comments };
      break;
    }
    case 'ReportReopened': {
      const reason = text(domain.data.reason);
      if (!reason) throw new MappingError(event, 'reopen without a reason');
      type = 'plan.report.reopened';
      data = {
        ...common,
        reopenedAt: domain.data.reopenedAt,
        reason,
        previousApprovedVersion: domain.data.previousApproved.version,
      };
      break;
    }
    default:
      return []; // an event type this relay does not know yet: not published
  }
  const encoded = encode(event, type, key.country, data);
  // A report concerns its own country only: never the regional topic, never another country's topic.
  return outboundTopics([key.country], 'plan').map((topic) => ({ topic, key: event.streamName, ...encoded }));
}

const CHANGE_KIND: Record<Exclude<CatalogueEvent['type'], 'CatalogueImported'>, string> = {
  ActivityAdded: 'activity_added',
  ActivityReworded: 'activity_amended',
  ActivityRetired: 'activity_retired',
  ScheduleChanged: 'schedule_changed',
};

function catalogueMessages(event: RecordedEvent): RelayMessage[] {
  const domain = toDomainEvent<CatalogueEvent>(event);
  const { planId, version, at, reason } = domain.data;
  let changes: Array<{ kind: string; activityId: string }>;
  if (domain.type === 'CatalogueImported')
    changes = domain.data.catalogue.activities.map((a) => ({ kind: 'activity_added', activityId: a.id }));
  else if (domain.type === 'ActivityAdded')
    changes = [{ kind: CHANGE_KIND.ActivityAdded, activityId: domain.data.activity.id }];
  else if (domain.type in CHANGE_KIND)
    changes = [
      { kind: CHANGE_KIND[domain.type], activityId: (domain.data as { activityId: string }).activityId },
    ];
  else return [];
  if (changes.length > 1000)
    throw new MappingError(event, `${changes.length} changes exceed the contract's 1000`);
  const summary = text(reason);
  const data = {
    catalogueVersion: catalogueVersionOf(planId, version),
    ...(version > 1 ? { previousCatalogueVersion: catalogueVersionOf(planId, version - 1) } : {}),
    amendedAt: at,
    actor: actorOf(event),
    changes,
    ...(summary ? { summary } : {}),
  };
  const encoded = encode(event, 'plan.catalogue.amended', 'ST', data);
  return [{ topic: regionalTopic('plan'), key: event.streamName, ...encoded }];
}

/**
 * The integration messages of one plan domain event, given its stream's state before it. Pure.
 * Throws (stopping the relay, loudly) when an event cannot satisfy its contract: a programming error.
 */
export function planIntegrationMessages(event: RecordedEvent, before: PlanStreamState): RelayMessage[] {
  if (before.kind === 'report') return reportMessages(event, before.state);
  if (before.kind === 'catalogue') return catalogueMessages(event);
  return [];
}
