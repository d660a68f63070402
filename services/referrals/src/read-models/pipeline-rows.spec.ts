import type { RecordedEvent } from '@crm/event-store';
import { CASE_ID as REGISTERED_CASE, commands, indicators } from '../cases/domain/test-support';
import { caseDecider } from '../cases/domain';
import {
  cmd,
  ctx,
  DEADLINES,
  hoursAfter,
  nextAt,
  reach,
  REFERRAL_ID,
  run,
  SENT_AT,
  SYSTEM,
  TRANSFEREE,
  withPendingTransfer,
} from '../referrals/domain/test-support';
import type { ReferralEvent } from '../referrals/domain';
import {
  applyCaseEvent,
  applyErasure,
  applyReferralEvent,
  escalationLevel,
  nextDueAt,
  type CaseRow,
  type ReferralPipelineRow,
} from './pipeline-rows';
import { recordedOf } from './testing/recorded';

const STREAM = `referral-${REFERRAL_ID}`;

function fold(recorded: RecordedEvent[], row: ReferralPipelineRow | null = null) {
  return recorded.reduce<ReferralPipelineRow | null>((r, e) => applyReferralEvent(r, e), row);
}
const rowOf = (events: ReferralEvent[]) => fold(recordedOf(STREAM, events))!;

describe('referral pipeline rows: one row per referral, folded with the domain evolve', () => {
  it('follows a referral from draft to completed: instants, status history, no step open at the end', () => {
    const row = rowOf(reach('completed'));
    expect(row).toMatchObject({
      referralId: REFERRAL_ID,
      from: { country: 'HN', institutionId: 'HN-DINAF' },
      to: { country: 'GT', institutionId: 'GT-PGN' },
      countries: ['HN', 'GT'],
      status: 'completed',
      urgency: 'urgent',
      sentAt: SENT_AT,
      acknowledgedAt: hoursAfter(SENT_AT, 1),
      acceptedAt: hoursAfter(SENT_AT, 2),
      completedAt: hoursAfter(SENT_AT, 4),
      declinedAt: null,
      steps: { acknowledge: null, decide: null, withdrawal: null },
      revision: 6,
    });
    expect(row.history.map((h) => h.status)).toEqual([
      'draft',
      'requested',
      'acknowledged',
      'accepted',
      'in_progress',
      'completed',
    ]);
    expect(nextDueAt(row)).toBeNull();
  });

  it('keeps the open deadlines of a sent referral, its reminders and escalations', () => {
    const sent = reach('requested');
    expect(rowOf(sent).steps.acknowledge).toMatchObject({ dueAt: DEADLINES.acknowledgeBy, level: 0 });
    expect(nextDueAt(rowOf(sent))).toBe(DEADLINES.acknowledgeBy);
    const chased = run(
      [
        [cmd.remind('acknowledge', DEADLINES.acknowledgeBy), ctx(hoursAfter(SENT_AT, 30), SYSTEM)],
        [cmd.escalate('acknowledge', DEADLINES.acknowledgeBy), ctx(DEADLINES.acknowledgeBy, SYSTEM)],
      ],
      sent,
    );
    const row = rowOf(chased);
    expect(row).toMatchObject({ status: 'requested', reminders: 1, escalations: 1 });
    expect(row.steps.acknowledge).toMatchObject({
      level: 1,
      dueAt: hoursAfter(DEADLINES.acknowledgeBy, 48),
    });
    expect(escalationLevel(row)).toBe(1);
    expect(nextDueAt(row)).toBe(hoursAfter(DEADLINES.acknowledgeBy, 48));
  });

  it('follows an accepted transfer: the new receiver, every country concerned, the first acceptance kept', () => {
    const events = run(
      [[cmd.acceptTransfer(), ctx(hoursAfter(nextAt('accepted'), 1), TRANSFEREE)]],
      withPendingTransfer('accepted'),
    );
    const row = rowOf(events);
    expect(row.to).toEqual({ country: 'MX', institutionId: 'MX-DIF' });
    expect(row.countries).toEqual(['HN', 'GT', 'MX']);
    expect(row.acceptedAt).toBe(hoursAfter(SENT_AT, 2));
    expect(row.history[row.history.length - 1]).toEqual({
      at: hoursAfter(nextAt('accepted'), 1),
      status: 'accepted',
      to: 'MX',
    });
  });

  it('a proposed transferee concerns the referral even when the transfer is declined', () => {
    const events = run(
      [[cmd.declineTransfer(), ctx(hoursAfter(nextAt('accepted'), 1), TRANSFEREE)]],
      withPendingTransfer('accepted'),
    );
    const row = rowOf(events);
    expect(row.to.country).toBe('GT');
    expect(row.countries).toEqual(['HN', 'GT', 'MX']);
  });

  it('records a decline and the instant of entering in error', () => {
    expect(rowOf(reach('declined'))).toMatchObject({
      status: 'declined',
      declinedAt: hoursAfter(SENT_AT, 1),
    });
    expect(rowOf(reach('entered_in_error'))).toMatchObject({
      status: 'entered_in_error',
      enteredInErrorAt: hoursAfter(SENT_AT, 1),
    });
  });

  it('ignores a re-delivered event (revision at or below the row) and events before the draft', () => {
    const recorded = recordedOf(STREAM, reach('accepted'));
    const row = fold(recorded)!;
    for (const e of recorded) expect(applyReferralEvent(row, e)).toBe(row);
    expect(applyReferralEvent(null, recorded[1])).toBeNull();
  });

  it('copies no reason, note or consent basis of the events into the row', () => {
    const row = rowOf(reach('revoked'));
    const text = JSON.stringify(row);
    const events = JSON.stringify(reach('revoked'));
    expect(events).toContain('consent-1');
    expect(text).not.toContain('consent-1');
    expect(text).not.toMatch(/reason|basis|note|Categories/i);
  });
});

describe('case rows: only three non-identifying indicators, their history and the erased flag', () => {
  const stream = `referralCase-${REGISTERED_CASE}`;
  const registered = caseDecider.decide(commands.register(), caseDecider.initialState(), {
    now: new Date('2020-06-30T12:00:00.000Z'),
    actor: { subject: 'hn', role: 'protection_case_worker', country: 'HN', institution: 'HN-DINAF' },
  });
  const update = (at: string, over: Parameters<typeof indicators>[0]) => ({
    type: 'IndicatorsUpdated',
    data: {
      caseId: REGISTERED_CASE,
      indicators: indicators(over),
      changed: [],
      updatedAt: at,
      updatedBy: 'hn',
    },
  });
  const foldCase = (recorded: RecordedEvent[], row: CaseRow | null = null) =>
    recorded.reduce<CaseRow | null>((r, e) => applyCaseEvent(r, REGISTERED_CASE, 'HN', e), row);

  it('keeps the age band, sex and accompaniment from the registration, and nothing identifying', () => {
    const row = foldCase(recordedOf(stream, registered))!;
    expect(row).toEqual({
      caseId: REGISTERED_CASE,
      country: 'HN',
      current: {
        at: '2020-06-30T12:00:00.000Z',
        ageBand: '15-17',
        sex: 'male',
        accompaniment: 'unaccompanied',
      },
      registeredAt: '2020-06-30T12:00:00.000Z',
      history: [row.current],
      erased: false,
      erasedAt: null,
      revision: 0,
    });
    expect(JSON.stringify(registered)).toContain('child-');
    expect(JSON.stringify(row)).not.toMatch(/child-|givenNames|familyNames|"ct"|MX-CHP|violence|border_post/);
  });

  it('adds a history entry only when one of the three indicators changes', () => {
    const recorded = recordedOf(stream, [
      ...registered,
      update('2020-07-02T10:00:00.000Z', { previousReturns: 2 }),
      update('2020-07-03T10:00:00.000Z', { ageBand: '12-14', ageYears: 14 }),
    ]);
    const row = foldCase(recorded)!;
    expect(row.history.map((h) => h.ageBand)).toEqual(['15-17', '12-14']);
    expect(row.current).toMatchObject({ at: '2020-07-03T10:00:00.000Z', ageBand: '12-14' });
    expect(row.revision).toBe(2);
    expect(foldCase(recorded.slice(0, 2), row)).toBe(row);
  });

  it('sets erased on the first erasure, whether or not the registration is known yet', () => {
    const first = applyErasure(null, REGISTERED_CASE, 'HN', '2020-08-01T00:00:00.000Z');
    expect(first).toMatchObject({
      erased: true,
      erasedAt: '2020-08-01T00:00:00.000Z',
      current: null,
      revision: -1,
    });
    const registeredAfter = foldCase(recordedOf(stream, registered), first)!;
    expect(registeredAfter).toMatchObject({ erased: true, revision: 0, current: { sex: 'male' } });
    expect(applyErasure(registeredAfter, REGISTERED_CASE, 'HN', '2020-09-01T00:00:00.000Z')).toBe(
      registeredAfter,
    );
  });
});
