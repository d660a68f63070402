import type { RecordedEvent } from '@crm/event-store';
import type { CountryCode } from '@crm/kernel';
import type { Accompaniment, AgeBand, CaseEvent, CaseIndicators } from '../cases/domain';
import {
  DEADLINE_STEP_CODES,
  evolveReferral,
  initialReferralState,
  type DeadlineStep,
  type InstitutionRef,
  type ReferralEvent,
  type ReferralState,
  type ReferralStatus,
  type StepDeadline,
  type Urgency,
} from '../referrals/domain';

/**
 * The read-model rows as pure data, and how one event changes them. No I/O: the projection loads rows, folds
 * events with these functions and writes the changed rows back (pipeline.projection.ts). Every value is a
 * code, an id of a referral, case, country or institution, an instant or a counter: nothing about the child
 * beyond the three non-identifying indicators, no note, no reason text, nothing encrypted.
 */

/** A change of the referral's status or receiving country, at the instant it happened. */
export interface PipelineHistoryEntry {
  at: string;
  status: ReferralStatus;
  to: CountryCode;
}

/** One referral as the dashboards see it. */
export interface ReferralPipelineRow {
  referralId: string;
  caseId: string;
  from: InstitutionRef;
  /** The current receiving institution (changes on an accepted transfer). */
  to: InstitutionRef;
  /** Every country the referral concerns: sender, current and earlier receivers, proposed transferees. */
  countries: CountryCode[];
  status: ReferralStatus;
  urgency: Urgency;
  draftedAt: string;
  sentAt: string | null;
  acknowledgedAt: string | null;
  acceptedAt: string | null;
  declinedAt: string | null;
  completedAt: string | null;
  revokedAt: string | null;
  enteredInErrorAt: string | null;
  /** The domain's deadline of each open step (null: not open). */
  steps: Record<DeadlineStep, StepDeadline | null>;
  reminders: number;
  escalations: number;
  history: PipelineHistoryEntry[];
  /** The revision of the last event of the referral's stream applied. */
  revision: number;
  updatedAt: string;
}

/** The indicators a case row keeps, as they were from `at` on. */
export interface CaseIndicatorEntry {
  at: string;
  ageBand: AgeBand;
  sex: CaseIndicators['sex'];
  accompaniment: Accompaniment;
}

/** One child's case: the owning country, three non-identifying indicators and whether the child's key was erased. */
export interface CaseRow {
  caseId: string;
  country: CountryCode;
  /** null while the registration is not known (an erasure seen first). */
  current: CaseIndicatorEntry | null;
  registeredAt: string | null;
  history: CaseIndicatorEntry[];
  erased: boolean;
  erasedAt: string | null;
  /** The revision of the last event of the case stream applied (-1: none yet). */
  revision: number;
}

/** The earliest due instant of the open steps, or null. */
export function nextDueAt(row: Pick<ReferralPipelineRow, 'steps'>): string | null {
  const due = DEADLINE_STEP_CODES.map((s) => row.steps[s]?.dueAt).filter((d): d is string => !!d);
  return due.length === 0 ? null : due.reduce((a, b) => (Date.parse(a) <= Date.parse(b) ? a : b));
}

/** The highest escalation level of an open step (0 when none is escalated or none is open). */
export function escalationLevel(row: Pick<ReferralPipelineRow, 'steps'>): number {
  return Math.max(0, ...DEADLINE_STEP_CODES.map((s) => row.steps[s]?.level ?? 0));
}

/** The part of the domain state a row keeps, as a state `evolveReferral` can fold the next event onto. */
function stateOf(row: ReferralPipelineRow): ReferralState {
  return {
    ...initialReferralState(),
    referralId: row.referralId,
    caseId: row.caseId,
    status: row.status,
    from: row.from,
    to: row.to,
    steps: row.steps,
    sentAt: row.sentAt,
  };
}

function withCountry(countries: CountryCode[], country: CountryCode | undefined): CountryCode[] {
  return !country || countries.includes(country) ? countries : [...countries, country];
}

/** The instant of the event's decision: its occurrence (the command handler's clock, as in every `…At` field). */
function instantOf(event: RecordedEvent): string {
  return new Date(event.metadata.occurredAt).toISOString();
}

function drafted(
  event: Extract<ReferralEvent, { type: 'ReferralDrafted' }>,
  revision: number,
): ReferralPipelineRow {
  const d = event.data;
  return {
    referralId: d.referralId,
    caseId: d.caseId,
    from: { country: d.from.country, institutionId: d.from.institutionId },
    to: { country: d.to.country, institutionId: d.to.institutionId },
    countries: withCountry([d.from.country], d.to.country),
    status: 'draft',
    urgency: d.urgency,
    draftedAt: d.draftedAt,
    sentAt: null,
    acknowledgedAt: null,
    acceptedAt: null,
    declinedAt: null,
    completedAt: null,
    revokedAt: null,
    enteredInErrorAt: null,
    steps: { acknowledge: null, decide: null, withdrawal: null },
    reminders: 0,
    escalations: 0,
    history: [{ at: d.draftedAt, status: 'draft', to: d.to.country }],
    revision,
    updatedAt: d.draftedAt,
  };
}

/** The lifecycle instants an event sets (the first time only: a repeated acceptance after a transfer keeps the first). */
function instants(row: ReferralPipelineRow, event: ReferralEvent): Partial<ReferralPipelineRow> {
  const first = (key: keyof ReferralPipelineRow, at: string) => (row[key] === null ? { [key]: at } : {});
  switch (event.type) {
    case 'ReferralSent':
      return first('sentAt', event.data.sentAt);
    case 'ReferralAcknowledged':
      return first('acknowledgedAt', event.data.acknowledgedAt);
    case 'ReferralAccepted':
      return first('acceptedAt', event.data.acceptedAt);
    case 'ReferralDeclined':
      return first('declinedAt', event.data.declinedAt);
    case 'ReferralCompleted':
      return first('completedAt', event.data.completedAt);
    case 'ReferralRevoked':
      return first('revokedAt', event.data.revokedAt);
    case 'ReferralEnteredInError':
      return first('enteredInErrorAt', event.data.markedAt);
    case 'ReferralReminderSent':
      return { reminders: row.reminders + 1 };
    case 'ReferralEscalated':
      return { escalations: row.escalations + 1 };
    case 'TransferRequested':
      return { countries: withCountry(row.countries, event.data.to.country) };
    case 'TransferAccepted':
      return { countries: withCountry(row.countries, event.data.receiver.country) };
    default:
      return {};
  }
}

/**
 * The row after one event of its referral stream. `row` null: only `ReferralDrafted` creates one (anything
 * else before it is ignored). An event at or below the row's revision changes nothing (re-delivery). Status,
 * receiver and deadlines come from the domain's `evolveReferral`, so the dashboards read exactly what the
 * decider decides on.
 */
export function applyReferralEvent(
  row: ReferralPipelineRow | null,
  recorded: RecordedEvent,
): ReferralPipelineRow | null {
  const event = { type: recorded.type, data: recorded.data } as ReferralEvent;
  if (row === null) return event.type === 'ReferralDrafted' ? drafted(event, recorded.revision) : null;
  if (recorded.revision <= row.revision) return row;
  const next = evolveReferral(stateOf(row), event);
  const at = instantOf(recorded);
  const status = next.status ?? row.status;
  const to = next.to ?? row.to;
  const changed = status !== row.status || to.country !== row.to.country;
  return {
    ...row,
    ...instants(row, event),
    status,
    to: { country: to.country, institutionId: to.institutionId },
    urgency: next.urgency ?? row.urgency,
    steps: { ...next.steps },
    history: changed ? [...row.history, { at, status, to: to.country }] : row.history,
    revision: recorded.revision,
    updatedAt: at,
  };
}

function entryOf(at: string, indicators: CaseIndicators): CaseIndicatorEntry {
  return {
    at,
    ageBand: indicators.ageBand,
    sex: indicators.sex,
    accompaniment: indicators.accompaniment,
  };
}

const sameEntry = (a: CaseIndicatorEntry | null, b: CaseIndicatorEntry) =>
  a !== null && a.ageBand === b.ageBand && a.sex === b.sex && a.accompaniment === b.accompaniment;

function emptyCase(caseId: string, country: CountryCode): CaseRow {
  return {
    caseId,
    country,
    current: null,
    registeredAt: null,
    history: [],
    erased: false,
    erasedAt: null,
    revision: -1,
  };
}

/**
 * The case row after one event of its `referralCase-<caseId>` stream: registration and indicator updates
 * (only the three indicators are read; everything else of the event, identifying ciphertexts included, is
 * left where it is). Events at or below the row's revision change nothing.
 */
export function applyCaseEvent(
  row: CaseRow | null,
  caseId: string,
  country: CountryCode,
  recorded: RecordedEvent,
): CaseRow | null {
  const event = { type: recorded.type, data: recorded.data } as CaseEvent;
  const base = row ?? emptyCase(caseId, country);
  if (recorded.revision <= base.revision) return row;
  let indicators: CaseIndicators | null = null;
  let at = '';
  if (event.type === 'CaseRegistered') [indicators, at] = [event.data.indicators, event.data.registeredAt];
  else if (event.type === 'IndicatorsUpdated')
    [indicators, at] = [event.data.indicators, event.data.updatedAt];
  if (indicators === null) return row === null ? null : { ...row, revision: recorded.revision };
  const entry = entryOf(at, indicators);
  return {
    ...base,
    registeredAt: base.registeredAt ?? (event.type === 'CaseRegistered' ? at : null),
    current: entry,
    history: sameEntry(base.current, entry) ? base.history : [...base.history, entry],
    revision: recorded.revision,
  };
}

/** The case row once the child's key is erased; the first erasure's instant is kept. */
export function applyErasure(
  row: CaseRow | null,
  caseId: string,
  country: CountryCode,
  erasedAt: string,
): CaseRow {
  const base = row ?? emptyCase(caseId, country);
  return base.erased ? base : { ...base, erased: true, erasedAt };
}
