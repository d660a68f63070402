/**
 * Realistic plan report histories for the fault tests and the bus benchmark (the same shapes as
 * tests/bench/plan.ts): streams `planReport-<C>-<activity>-<period>` with drafts, submissions on time and
 * late, returns and resubmissions, approvals and reopenings; the domain events shaped as the report
 * decider writes them. Drafts publish nothing; every other event is exactly one integration event
 * (`plan.report.<verb>.v1` on `crm.<C>.out.plan`), so the number of messages a generation yields is known.
 */
import { randomUUID } from 'node:crypto';
import {
  GENESIS_HASH,
  sealEvents,
  type Actor,
  type EventStore,
  type NewEvent,
  type RecordedEvent,
} from '@crm/event-store';
import { MEMBER_COUNTRIES, seededRandom as rng, type CountryCode } from '@crm/kernel';
import type { RelayMessage } from '@crm/messaging';
import {
  defaultWindow,
  IMPLEMENTATION_STATUSES,
  planIntegrationMessages,
  planPeriods,
  planStreamFold,
  type ReportingPeriod,
} from '@crm/plan';

/** drafted, submitted, approved, returned, reopened */
export type Kind = 'D' | 'S' | 'A' | 'R' | 'O';

export interface ReportHistory {
  streamName: string;
  country: CountryCode;
  activityId: string;
  period: ReportingPeriod;
  kinds: Kind[];
  /** Decision time of each step (ms), strictly increasing. */
  times: number[];
  /** The domain event of each step. */
  events: NewEvent[];
}

/** One step of one history, in the order the generation appends them (decision time across all streams). */
export interface HistoryStep {
  history: ReportHistory;
  step: number;
  event: NewEvent;
  /** False for drafts: they publish nothing. */
  published: boolean;
}

export interface GeneratedHistories {
  histories: ReportHistory[];
  /** Every event, in decision-time order (per stream in revision order). */
  steps: HistoryStep[];
  /** Number of integration messages the events yield (= `published` asked for). */
  published: number;
}

const DAY = 86_400_000;
/** The plan's objectives I..XVI, for synthetic activity ids. */
export const OBJECTIVES = [
  'I',
  'II',
  'III',
  'IV',
  'V',
  'VI',
  'VII',
  'VIII',
  'IX',
  'X',
  'XI',
  'XII',
  'XIII',
  'XIV',
  'XV',
  'XVI',
];
/** The semesters of the plan 2017-2022. */
export const PERIODS = planPeriods({ from: 2017, to: 2022 });
export const CATALOGUE_VERSION = '2017-2022@1';

/** One report's kinds and times: drafts, then submit, then approve / return-and-resubmit / reopen. */
export function planKinds(seed: number, period: ReportingPeriod): { kinds: Kind[]; times: number[] } {
  const r = rng(seed);
  const w = defaultWindow(period);
  const opens = Date.parse(w.opensAt);
  const closes = Date.parse(w.closesAt);
  const kinds: Kind[] = [];
  const times: number[] = [];
  let t = opens - (60 + r() * 90) * DAY;
  const add = (k: Kind, gapDays: number) => {
    t += Math.max(60_000, gapDays * DAY * (0.2 + r()));
    kinds.push(k);
    times.push(Math.round(t));
  };
  const drafts = 1 + Math.floor(r() * 4);
  for (let i = 0; i < drafts; i++) add('D', 12);
  if (r() < 0.05) return { kinds, times };
  t = Math.max(t, r() < 0.8 ? opens + r() * (closes - opens - DAY) : closes + r() * 60 * DAY);
  add('S', 0.1);
  const outcome = r();
  if (outcome < 0.2) {
    add('R', 10);
    add('D', 5);
    add('S', 3);
    add('A', 10);
  } else if (outcome < 0.9) add('A', 12);
  if (kinds[kinds.length - 1] === 'A' && r() < 0.12) {
    add('O', 60);
    add('D', 5);
    add('S', 3);
    add('A', 10);
  }
  return { kinds, times };
}

function content(seed: number, draft: number) {
  return {
    status: IMPLEMENTATION_STATUSES[(seed + draft) % IMPLEMENTATION_STATUSES.length],
    narrative: {
      es: `Avance ${draft + 1}: talleres con funcionarios consulares y mesas interinstitucionales de protección.`,
    },
    evidence: [`https://example.org/informes/${seed}/${draft}.pdf`],
    indicators: [{ indicator: 'talleres', value: (seed + draft) % 7 }],
  };
}

/** The domain event of step `i` (data shaped like the report decider's). */
export function eventOf(h: Omit<ReportHistory, 'events'>, seed: number, i: number): NewEvent {
  const key = { country: h.country, activityId: h.activityId, period: h.period };
  const at = new Date(h.times[i]).toISOString();
  const official: Actor = {
    subject: `dev|${h.country.toLowerCase()}.reporting_officer`,
    role: 'reporting_officer',
    country: h.country,
    institution: `${h.country}/MRE`,
  };
  const st: Actor = {
    subject: 'dev|st.coordinator',
    role: 'secretariat_coordinator',
    country: 'ST',
    institution: 'ST-CRM',
  };
  const drafts = h.kinds.slice(0, i).filter((k) => k === 'D').length;
  const approvals = h.kinds.slice(0, i).filter((k) => k === 'A').length;
  const w = defaultWindow(h.period);
  let type: string;
  let data: Record<string, unknown>;
  let actor: Actor = official;
  switch (h.kinds[i]) {
    case 'D':
      type = 'ReportDrafted';
      data = {
        ...key,
        catalogueVersion: CATALOGUE_VERSION,
        content: content(seed, drafts),
        savedAt: at,
        savedBy: official.subject,
      };
      break;
    case 'S':
      type = 'ReportSubmitted';
      data = {
        ...key,
        submittedAt: at,
        submittedBy: official.subject,
        late: h.times[i] >= Date.parse(w.closesAt),
        window: w,
      };
      break;
    case 'A':
      type = 'ReportApproved';
      actor = st;
      data = {
        ...key,
        approvedAt: at,
        approvedBy: st.subject,
        version: approvals + 1,
        comments: approvals % 2 === 0 ? null : { es: 'Aprobado.' },
      };
      break;
    case 'R':
      type = 'ReportReturned';
      actor = st;
      data = { ...key, returnedAt: at, returnedBy: st.subject, comments: { es: 'Complete la evidencia.' } };
      break;
    default: {
      type = 'ReportReopened';
      actor = st;
      const submittedAt = new Date(h.times[h.kinds.lastIndexOf('S', i)]).toISOString();
      const approvedAt = new Date(h.times[i - 1]).toISOString();
      data = {
        ...key,
        reopenedAt: at,
        reopenedBy: st.subject,
        reason: { es: 'Cifras corregidas.' },
        previousApproved: {
          version: approvals,
          content: content(seed, drafts - 1),
          catalogueVersion: CATALOGUE_VERSION,
          submittedAt,
          late: false,
          approvedAt,
          approvedBy: st.subject,
          comments: null,
        },
      };
    }
  }
  return {
    eventId: randomUUID(),
    type,
    schemaVersion: 1,
    data,
    occurredAt: at,
    actor,
    countries: [h.country],
    correlationId: randomUUID(),
    causationId: null,
  };
}

/**
 * Report histories over 11 countries x 12 semesters x as many activities as needed, yielding EXACTLY
 * `published` integration messages: the last history is cut after its last needed publishing step (a
 * prefix of a history is a report still in progress). `activityPrefix` keeps generations apart (e.g. `bA:`).
 */
export function generateReportHistories(options: {
  published: number;
  seed?: number;
  activityPrefix?: string;
}): GeneratedHistories {
  const seed0 = options.seed ?? 1;
  const histories: ReportHistory[] = [];
  let published = 0;
  for (let a = 0; published < options.published; a++) {
    const activityId = `${options.activityPrefix ?? ''}${OBJECTIVES[a % OBJECTIVES.length]}.${1 + (Math.floor(a / 16) % 5)}.1.${1 + Math.floor(a / 80)}`;
    for (const period of PERIODS) {
      for (const country of MEMBER_COUNTRIES) {
        if (published >= options.published) break;
        const seed = seed0 * 1_000_003 + histories.length + 1;
        let { kinds, times } = planKinds(seed, period);
        const needed = options.published - published;
        const publishing = kinds.filter((k) => k !== 'D').length;
        if (publishing > needed) {
          let cut = 0;
          for (let seen = 0; seen < needed; cut++) if (kinds[cut] !== 'D') seen++;
          kinds = kinds.slice(0, cut);
          times = times.slice(0, cut);
        }
        published += Math.min(publishing, needed);
        const h = {
          streamName: `planReport-${country}-${activityId}-${period}`,
          country,
          activityId,
          period,
          kinds,
          times,
        };
        histories.push({ ...h, events: kinds.map((_, i) => eventOf(h, seed, i)) });
      }
    }
  }
  const steps: HistoryStep[] = histories.flatMap((history) =>
    history.events.map((event, step) => ({ history, step, event, published: history.kinds[step] !== 'D' })),
  );
  steps.sort((x, y) => x.history.times[x.step] - y.history.times[y.step] || x.step - y.step);
  return { histories, steps, published };
}

/**
 * Appends `steps` as the plan service does: one append per command (one event), expected revision = the
 * stream's previous revision, in decision-time order; `writers` concurrent writers, each owning a share of
 * the streams (so each stream's events are appended in order). Steps of one stream must not be split over
 * two concurrent calls.
 */
export async function appendSteps(
  store: Pick<EventStore, 'appendToStream'>,
  steps: HistoryStep[],
  writers = 4,
): Promise<void> {
  const lanes: HistoryStep[][] = Array.from({ length: writers }, () => []);
  const laneOf = new Map<string, number>();
  for (const s of steps) {
    let lane = laneOf.get(s.history.streamName);
    if (lane === undefined) laneOf.set(s.history.streamName, (lane = laneOf.size % writers));
    lanes[lane].push(s);
  }
  await Promise.all(
    lanes.map(async (lane) => {
      for (const s of lane)
        await store.appendToStream(s.history.streamName, [s.event], {
          expectedRevision: s.step === 0 ? 'no_stream' : s.step - 1,
        });
    }),
  );
}

export type PlanMessage = RelayMessage & { key: string; headers: Record<string, string> };

/**
 * The integration messages of recorded plan report events (in position order), computed as the plan relay
 * does: planStreamFold for the state before each event, planIntegrationMessages (encodeIntegrationEvent,
 * ajv-validated) for its messages. Pure: the same bytes and headers the relay publishes for these events.
 */
export function integrationMessagesOfRecorded(events: RecordedEvent[]): PlanMessage[] {
  const states = new Map<string, ReturnType<typeof planStreamFold.initial>>();
  const messages: PlanMessage[] = [];
  for (const e of events) {
    const before = states.get(e.streamName) ?? planStreamFold.initial(e.streamName);
    messages.push(
      ...planIntegrationMessages(e, before).map((m) => ({
        ...m,
        key: m.key ?? e.streamName,
        headers: m.headers ?? {},
      })),
    );
    states.set(e.streamName, planStreamFold.evolve(before, e));
  }
  return messages;
}

/**
 * The integration messages of the generated events without a store: each event sealed as the store would
 * (hash chain, recorded at its decision time), in `steps` order, then mapped as the relay does.
 */
export function integrationMessagesOf(generated: GeneratedHistories): PlanMessage[] {
  const hashes = new Map<string, string>();
  let position = 0n;
  const recorded = generated.steps.map(({ history, step, event }): RecordedEvent => {
    const [sealed] = sealEvents(
      history.streamName,
      [event],
      step,
      hashes.get(history.streamName) ?? GENESIS_HASH,
      new Date(history.times[step]),
    );
    hashes.set(history.streamName, sealed.metadata.hash);
    return {
      streamName: history.streamName,
      revision: step,
      position: ++position,
      type: event.type,
      data: sealed.data,
      metadata: sealed.metadata,
    };
  });
  const messages = integrationMessagesOfRecorded(recorded);
  if (messages.length !== generated.published)
    throw new Error(`plan-report-history: ${messages.length} messages, expected ${generated.published}`);
  return messages;
}
