import type { DecisionContext } from '@crm/decider';
import { fold } from '@crm/decider';
import type { RecordedEvent } from '@crm/event-store';
import { defaultWindow } from '../../windows/domain/window';
import type { ReportCommand } from '../../reports/domain/commands';
import { reportDecider } from '../../reports/domain/decider';
import type { ReportEvent } from '../../reports/domain/events';
import type { ReportState } from '../../reports/domain/state';
import { IMPLEMENTATION_STATUSES } from '../../reports/domain/status';
import type { ReportKey } from '../../reports/domain/stream';
import { CATALOGUE, SECRETARIAT_ACTOR, officer } from '../../reports/domain/test-support';
import { countryStateAsOf } from './as-of';
import type { ReviewEvent } from './input';
import { seededRandom } from '@crm/kernel';
import { ReportRecorder } from './test-support';

const SEED = 20200630;
const STEPS = 200;
const KEYS: ReportKey[] = (['HN', 'GT'] as const).flatMap((country) =>
  ['IV.1.1.1', 'V.1.1.1'].flatMap((activityId) =>
    (['2020-S1', '2020-S2'] as const).map((period) => ({ country, activityId, period })),
  ),
);

// Compile-time: what the event store returns is what the review takes.
const _compatible: (events: RecordedEvent[]) => ReviewEvent[] = (events) => events;

interface Checkpoint {
  at: number;
  states: Map<string, ReportState>;
}

/** Generates STEPS random commands (fixed seed) on 8 reports, the clock advancing 1 minute to 3 days each time. */
async function generate(): Promise<{
  recorder: ReportRecorder;
  checkpoints: Checkpoint[];
  accepted: number;
  refused: number;
}> {
  const random = seededRandom(SEED);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const recorder = new ReportRecorder('2020-06-01T00:00:00.000Z');
  const checkpoints: Checkpoint[] = [];
  let accepted = 0;
  let refused = 0;
  for (let step = 0; step < STEPS; step++) {
    recorder.clock.advance(60_000 + Math.floor(random() * 3 * 24 * 3600_000));
    const key = pick(KEYS);
    const kind = pick([
      'SaveDraft',
      'SaveDraft',
      'SubmitReport',
      'SubmitReport',
      'ApproveReport',
      'ReturnReport',
      'ReopenReport',
    ] as const);
    const command: ReportCommand =
      kind === 'SaveDraft'
        ? {
            type: kind,
            ...key,
            catalogue: CATALOGUE,
            content: {
              status: pick(IMPLEMENTATION_STATUSES),
              narrative:
                random() < 0.5 ? { es: `Avance ${step}` } : { es: `Avance ${step}`, en: `Progress ${step}` },
              evidence: random() < 0.5 ? [] : [`https://example.org/${step}`],
              indicators: random() < 0.5 ? [] : [{ indicator: 'talleres', value: Math.floor(random() * 10) }],
            },
          }
        : kind === 'SubmitReport'
          ? { type: kind, ...key, window: defaultWindow(key.period) }
          : kind === 'ApproveReport'
            ? { type: kind, ...key }
            : kind === 'ReturnReport'
              ? { type: kind, ...key, comments: { es: `Observación ${step}` } }
              : { type: kind, ...key, reason: { en: `Reason ${step}` } };
    const actor: DecisionContext['actor'] =
      kind === 'SaveDraft' || kind === 'SubmitReport' ? officer(key.country) : SECRETARIAT_ACTOR;
    // Some events are recorded hours after they occurred (backdated entries): as-of must follow recordedAt.
    const result = await recorder.run(command, actor, random() < 0.3 ? 6 * 3600_000 : 0);
    if (Array.isArray(result)) accepted += result.length;
    else refused += 1;
    checkpoints.push({ at: recorder.clock().getTime(), states: new Map(recorder.live) });
  }
  return { recorder, checkpoints, accepted, refused };
}

function statesOf(result: ReturnType<typeof countryStateAsOf>): Map<string, ReportState> {
  return new Map(result.reports.map((r) => [r.streamName, r.state]));
}

/** The reference: a plain fold of each stream's events recorded at or before T. */
function naiveFold(events: RecordedEvent[], at: number, country?: string): Map<string, ReportState> {
  const out = new Map<string, ReportState>();
  const streams = [...new Set(events.map((e) => e.streamName))];
  for (const stream of streams) {
    if (country && !stream.startsWith(`planReport-${country}-`)) continue;
    const upTo = events.filter((e) => e.streamName === stream && Date.parse(e.metadata.recordedAt) <= at);
    if (upTo.length > 0)
      out.set(
        stream,
        fold(
          reportDecider,
          upTo.map((e) => ({ type: e.type, data: e.data }) as ReportEvent),
        ),
      );
  }
  return out;
}

describe('as-of review: the state at T is the fold of the events recorded up to T', () => {
  let generated: Awaited<ReturnType<typeof generate>>;
  let events: RecordedEvent[];
  beforeAll(async () => {
    generated = await generate();
    events = _compatible(await generated.recorder.all()) as RecordedEvent[];
  });

  it(`generates a history (seed ${SEED}) that exercises the whole workflow`, () => {
    const types = new Set(events.map((e) => e.type));
    expect([...types].sort()).toEqual([
      'ReportApproved',
      'ReportDrafted',
      'ReportReopened',
      'ReportReturned',
      'ReportSubmitted',
    ]);
    expect(generated.accepted).toBe(events.length);
    expect(generated.refused).toBeGreaterThan(0);
    expect(events.some((e) => e.metadata.occurredAt !== e.metadata.recordedAt)).toBe(true);
    if (events.length < 50) console.warn(`seed ${SEED}: only ${events.length} events`);
  });

  it('at every command instant, and just before it, equals the live state the command handler held then', () => {
    let compared = 0;
    for (let i = 0; i < generated.checkpoints.length; i++) {
      const checkpoint = generated.checkpoints[i] as Checkpoint;
      expect(statesOf(countryStateAsOf(events, new Date(checkpoint.at)))).toEqual(checkpoint.states);
      const previous = generated.checkpoints[i - 1]?.states ?? new Map();
      expect(statesOf(countryStateAsOf(events, new Date(checkpoint.at - 1)))).toEqual(previous);
      compared += 2;
    }
    expect(compared).toBe(2 * STEPS);
  });

  it('at random instants, for all countries and per country, equals a plain fold of the events recorded up to T', () => {
    const random = seededRandom(SEED + 1);
    const first = Date.parse('2020-05-01T00:00:00Z');
    const last = (generated.checkpoints[generated.checkpoints.length - 1] as Checkpoint).at + 86_400_000;
    for (let i = 0; i < 100; i++) {
      const at = Math.floor(first + random() * (last - first));
      expect(statesOf(countryStateAsOf(events, new Date(at)))).toEqual(naiveFold(events, at));
      expect(statesOf(countryStateAsOf(events, new Date(at), { country: 'HN' }))).toEqual(
        naiveFold(events, at, 'HN'),
      );
    }
  });

  it('does not depend on the order events are passed in (stream revisions decide)', () => {
    const at = (generated.checkpoints[120] as Checkpoint).at;
    const shuffled = [...events].reverse();
    expect(countryStateAsOf(shuffled, new Date(at))).toEqual(countryStateAsOf(events, new Date(at)));
  });

  it('a change recorded after T does not show at T, and shows after it', async () => {
    const checkpoint = generated.checkpoints[150] as Checkpoint;
    const T = new Date(checkpoint.at);
    const before = countryStateAsOf(await generated.recorder.all(), T);
    // New changes, recorded later: every report that can take a draft gets one, plus a brand-new report.
    generated.recorder.clock.advance(3_600_000);
    const extra: ReportCommand[] = KEYS.map((key) => ({
      type: 'SaveDraft',
      ...key,
      catalogue: CATALOGUE,
      content: { status: 'suspended', narrative: { es: 'Cambio posterior' } },
    }));
    extra.push({
      type: 'SaveDraft',
      country: 'HN',
      activityId: 'VII.1.1.1',
      period: '2021-S1',
      catalogue: CATALOGUE,
      content: { status: 'completed', narrative: { en: 'Later' } },
    });
    let written = 0;
    for (const command of extra) {
      // Backdated: it occurred a day before T, but it was recorded after T.
      const result = await generated.recorder.run(
        command,
        officer(command.country),
        generated.recorder.clock().getTime() - T.getTime() + 86_400_000,
      );
      if (Array.isArray(result)) written += result.length;
    }
    expect(written).toBeGreaterThan(0);
    const after = await generated.recorder.all();
    expect(countryStateAsOf(after, T)).toEqual(before);
    const now = countryStateAsOf(after, generated.recorder.clock());
    expect(
      now.reports.filter((r) => r.status === 'suspended' && r.workflow === 'draft').length,
    ).toBeGreaterThan(0);
    expect(now.reports.some((r) => r.activityId === 'VII.1.1.1')).toBe(true);
    expect(before.reports.some((r) => r.activityId === 'VII.1.1.1')).toBe(false);
  });
});

describe('as-of review: shape of the answer', () => {
  it('lists one snapshot per report in catalogue order with workflow, status and last approved status', async () => {
    const recorder = new ReportRecorder('2020-07-01T00:00:00.000Z');
    const draft = (activityId: string, status: 'completed' | 'delayed'): ReportCommand => ({
      type: 'SaveDraft',
      country: 'HN',
      activityId,
      period: '2020-S1',
      catalogue: { version: 'v1', activityExists: () => true },
      content: { status, narrative: { es: 'x' } },
    });
    for (const id of ['IV.1.1.10', 'IV.1.1.2']) {
      recorder.clock.advance(1000);
      await recorder.run(draft(id, 'completed'), officer());
    }
    recorder.clock.advance(1000);
    await recorder.run(
      {
        type: 'SubmitReport',
        country: 'HN',
        activityId: 'IV.1.1.2',
        period: '2020-S1',
        window: defaultWindow('2020-S1'),
      },
      officer(),
    );
    recorder.clock.advance(1000);
    await recorder.run(
      { type: 'ApproveReport', country: 'HN', activityId: 'IV.1.1.2', period: '2020-S1' },
      SECRETARIAT_ACTOR,
    );
    recorder.clock.advance(1000);
    await recorder.run(
      {
        type: 'ReopenReport',
        country: 'HN',
        activityId: 'IV.1.1.2',
        period: '2020-S1',
        reason: { es: 'corrección' },
      },
      SECRETARIAT_ACTOR,
    );
    recorder.clock.advance(1000);
    await recorder.run(draft('IV.1.1.2', 'delayed'), officer());
    const result = countryStateAsOf(await recorder.all(), recorder.clock(), { country: 'HN' });
    expect(result.asOf).toBe('2020-07-01T00:00:06.000Z');
    expect(
      result.reports.map((r) => [
        r.activityId,
        r.workflow,
        r.status,
        r.approvedStatus,
        r.state.changedAfterApproval,
        r.lastRecordedAt,
      ]),
    ).toEqual([
      ['IV.1.1.2', 'draft', 'delayed', 'completed', true, '2020-07-01T00:00:06.000Z'],
      ['IV.1.1.10', 'draft', 'completed', null, false, '2020-07-01T00:00:01.000Z'],
    ]);
    expect(countryStateAsOf(await recorder.all(), recorder.clock(), { country: 'GT' }).reports).toEqual([]);
  });

  it('ignores other streams and event types, and refuses an invalid instant', () => {
    const foreign: ReviewEvent = {
      streamName: 'planWindows-2020-S1',
      type: 'WindowScheduled',
      data: {},
      metadata: {
        eventId: 'x',
        recordedAt: '2020-01-01T00:00:00.000Z',
        occurredAt: '2020-01-01T00:00:00.000Z',
        actor: SECRETARIAT_ACTOR,
      },
    };
    expect(countryStateAsOf([foreign], new Date('2021-01-01')).reports).toEqual([]);
    expect(() => countryStateAsOf([], new Date('not a date'))).toThrow(
      expect.objectContaining({ code: 'plan.review.invalid_instant', kind: 'validation' }),
    );
  });
});
