import { fold, given } from '@crm/decider';
import { LocalizedError, ConflictError } from '@crm/kernel';
import { ctx, SECRETARIAT_ACTOR } from '../../reports/domain/test-support';
import type { WindowCommand } from './commands';
import { windowDecider } from './decider';
import type { WindowEvent } from './events';
import { effectiveWindow } from './state';
import { windowStreamName } from './stream';
import { defaultWindow } from './window';

const NOW = ctx('2020-06-01T00:00:00.000Z', SECRETARIAT_ACTOR);
const schedule: WindowCommand = {
  type: 'ScheduleWindow',
  period: '2020-S1',
  opensAt: '2020-07-01T00:00:00Z',
  closesAt: '2020-08-15T00:00:00Z',
  reason: { es: 'Reunión de la Red en agosto.' },
};
const scheduled: WindowEvent[] = given(windowDecider).when(schedule, NOW).events;
const change: WindowCommand = {
  type: 'ChangeWindow',
  period: '2020-S1',
  opensAt: '2020-07-01T00:00:00Z',
  closesAt: '2020-09-01T00:00:00Z',
  reason: { en: 'Pandemic: offices closed.' },
};

describe('the planWindows-<period> decider', () => {
  it('names one stream per period', () => {
    expect(windowStreamName('2020-S1')).toBe('planWindows-2020-S1');
    expect(() => windowStreamName('2020-S9' as never)).toThrow(LocalizedError);
  });

  it('without a scheduled window the default rule applies', () => {
    expect(effectiveWindow('2020-S1', windowDecider.initialState())).toEqual(defaultWindow('2020-S1'));
  });

  it('the Secretariat schedules a window', () => {
    expect(scheduled).toEqual([
      {
        type: 'WindowScheduled',
        data: {
          period: '2020-S1',
          opensAt: '2020-07-01T00:00:00.000Z',
          closesAt: '2020-08-15T00:00:00.000Z',
          reason: { es: 'Reunión de la Red en agosto.' },
          scheduledAt: '2020-06-01T00:00:00.000Z',
          scheduledBy: 'st-reviewer',
        },
      },
    ]);
    expect(effectiveWindow('2020-S1', fold(windowDecider, scheduled)).closesAt).toBe(
      '2020-08-15T00:00:00.000Z',
    );
  });

  it('a scheduled window changes only with a reason, and the previous window is recorded', () => {
    given(windowDecider, ...scheduled)
      .when(change, NOW)
      .then({
        type: 'WindowChanged',
        data: {
          period: '2020-S1',
          opensAt: '2020-07-01T00:00:00.000Z',
          closesAt: '2020-09-01T00:00:00.000Z',
          previous: { opensAt: '2020-07-01T00:00:00.000Z', closesAt: '2020-08-15T00:00:00.000Z' },
          reason: { en: 'Pandemic: offices closed.' },
          changedAt: '2020-06-01T00:00:00.000Z',
          changedBy: 'st-reviewer',
        },
      })
      .thenState({
        window: {
          period: '2020-S1',
          opensAt: '2020-07-01T00:00:00.000Z',
          closesAt: '2020-09-01T00:00:00.000Z',
        },
        changes: 1,
      });
    given(windowDecider, ...scheduled)
      .when({ ...change, reason: { es: ' ' } }, NOW)
      .thenThrows('plan.window.reason_required');
  });

  it('changing to the same window records nothing', () => {
    given(windowDecider, ...scheduled)
      .when({ ...change, closesAt: '2020-08-15T00:00:00.000Z' }, NOW)
      .thenNothingHappened();
  });

  it('refuses to schedule twice or to change before scheduling (409)', () => {
    const twice = given(windowDecider, ...scheduled)
      .when(schedule, NOW)
      .thenThrows('plan.window.already_scheduled');
    expect(twice).toBeInstanceOf(ConflictError);
    expect((twice as ConflictError).kind).toBe('conflict');
    given(windowDecider).when(change, NOW).thenThrows('plan.window.not_scheduled');
  });

  it('refuses a command for another period and an invalid window (422)', () => {
    given(windowDecider, ...scheduled)
      .when(
        { ...change, period: '2020-S2', opensAt: '2021-01-01T00:00:00Z', closesAt: '2021-02-01T00:00:00Z' },
        NOW,
      )
      .thenThrows('plan.window.period_mismatch');
    given(windowDecider)
      .when({ ...schedule, closesAt: '2020-06-01T00:00:00Z' }, NOW)
      .thenThrows('plan.window.closes_before_opening');
  });

  it('refuses a command it does not know (422), whatever the compiler was told', () => {
    given(windowDecider)
      .when({ ...schedule, type: 'CloseWindow' } as unknown as WindowCommand, NOW)
      .thenThrows('plan.window.unknown_command');
  });
});
